// Legwork's small enhancements: print a card, copy links and newsletter snippets.
// Everything works without JavaScript too; these only save clicks.

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  const label = button.textContent;
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = label; }, 1500);
}

function pageUrl(hash) {
  return location.origin + location.pathname + (hash ? "#" + hash : "");
}

// A visible "Copy link" for the page and for each section with a stable anchor.
function addCopyLinks() {
  const article = document.querySelector("article.md-content__inner");
  if (!article || article.querySelector(".lw-copy-link")) return;
  const title = article.querySelector("h1");
  if (title) {
    const page = document.createElement("button");
    page.type = "button";
    page.className = "lw-copy-link lw-no-print";
    page.textContent = "Copy link to this page";
    page.dataset.lwCopyLink = "";
    title.after(page);
  }
  for (const heading of article.querySelectorAll("h2[id], h3[id]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "lw-copy-link lw-copy-link--section lw-no-print";
    button.textContent = "Copy link";
    button.setAttribute("aria-label", "Copy link to section: " + heading.textContent.replace("¶", "").trim());
    button.dataset.lwCopyLink = heading.id;
    heading.append(button);
  }
}

// Newsletter kit: tracking tags typed into the form are added to every snippet's link.
function applyTrackingTags(form) {
  const params = new URLSearchParams();
  for (const input of form.querySelectorAll("input")) {
    if (input.value.trim()) params.set(input.name, input.value.trim());
  }
  const query = params.toString();
  for (const share of document.querySelectorAll("[data-lw-url]")) {
    const base = share.dataset.lwUrl;
    const tagged = query ? base + "?" + query : base;
    for (const code of share.querySelectorAll("[data-lw-snippet]")) {
      code.dataset.original ??= code.textContent;
      code.textContent = code.dataset.original.split(base).join(tagged);
    }
  }
}

document.addEventListener("click", (event) => {
  const target = event.target;
  if (!(target instanceof Element)) return;
  if (target.closest("[data-lw-print]")) {
    window.print();
    return;
  }
  const link = target.closest("[data-lw-copy-link]");
  if (link) {
    copyText(pageUrl(link.dataset.lwCopyLink), link);
    return;
  }
  const copy = target.closest("[data-lw-copy]");
  if (copy) {
    copyText(document.getElementById(copy.dataset.lwCopy).textContent, copy);
  }
});

document.addEventListener("input", (event) => {
  const form = event.target instanceof Element && event.target.closest("[data-lw-utm]");
  if (form) applyTrackingTags(form);
});

addCopyLinks();
