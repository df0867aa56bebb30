// Legwork's small enhancements on every page: share a page, glossary terms on touch and
// keyboard, filter the exercises by what you have, offline use, print a card, copy newsletter
// snippets. Session mode, the log and the plan calendar are in session.js, which only the
// session, programme and builder pages load. Every page works without JavaScript too; these only save
// taps.

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
}

function say(element, message) {
  if (!element) return;
  element.textContent = message;
  clearTimeout(element.lwTimer);
  element.lwTimer = setTimeout(() => { element.textContent = ""; }, 4000);
}

// --- Share: the system share sheet, or copy the canonical address. ----------------------

function canonicalUrl() {
  const link = document.querySelector('link[rel="canonical"]');
  return link ? link.href : location.href.split("#")[0];
}

async function sharePage(button) {
  const status = button.parentElement.querySelector(".lw-share-control__status");
  const url = canonicalUrl();
  if (typeof navigator.share === "function") {
    try {
      await navigator.share({ title: document.title, url });
      say(status, "Shared");
      return;
    } catch (error) {
      if (error && error.name === "AbortError") return; // the person closed the sheet
    }
  }
  await copyText(url);
  say(status, "Link copied");
}

// --- Glossary terms: reachable by keyboard and touch; Escape puts a definition away. ------

function focusableTerms() {
  for (const term of document.querySelectorAll(".md-typeset abbr")) {
    term.setAttribute("tabindex", "0");
  }
}

// Material shows a term's definition while it is focused or hovered (a tap on a phone does
// both), so Escape ends both. Material moves each term's title into its tooltip: match the
// element, not the title.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const term of document.querySelectorAll(".md-typeset abbr")) {
    if (term === document.activeElement || term.matches(":hover")) {
      term.blur();
      term.dispatchEvent(new MouseEvent("mouseleave"));
    }
  }
});

// --- The exercise index: filter by what you have, muscle, pattern, level and legs. -------

const FILTERS = ["have", "muscle", "pattern", "level", "legs"];

function readFilters(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const name of FILTERS) {
    if (!params.has(name)) continue;
    const values = params.get(name).split(",").map((v) => v.trim()).filter(Boolean);
    if (name === "have" || values.length) filters[name] = new Set(values);
  }
  return filters;
}

function words(row, name) {
  return (row.dataset[name] || "").split(" ").filter(Boolean);
}

function matches(row, filters, atHand) {
  if (filters.have) {
    const have = new Set([...filters.have, ...atHand]);
    const kits = (row.dataset.kits || "").split("|").map((kit) => kit.split(" ").filter(Boolean));
    if (!kits.some((kit) => kit.every((item) => have.has(item)))) return false;
  }
  const any = (name, values) => !values || values.some((v) => filters[name].has(v));
  if (filters.muscle && !any("muscle", words(row, "muscles"))) return false;
  if (filters.pattern && !any("pattern", [row.dataset.pattern])) return false;
  if (filters.level && !any("level", [row.dataset.level])) return false;
  if (filters.legs && !any("legs", words(row, "legs"))) return false;
  return true;
}

function applyFilters(root) {
  const filters = readFilters(location.search);
  const atHand = (root.dataset.atHand || "").split(" ").filter(Boolean);
  let shown = 0;
  for (const row of root.querySelectorAll(".lw-results [data-exercise]")) {
    const keep = matches(row, filters, atHand);
    row.hidden = !keep;
    shown += keep;
  }
  for (const group of root.querySelectorAll(".lw-results [data-group]")) {
    group.hidden = !group.querySelector("[data-exercise]:not([hidden])");
  }
  const empty = root.querySelector("[data-lw-empty]");
  if (empty) empty.hidden = shown > 0;
  const count = root.querySelector("[data-lw-count]");
  if (count) {
    const all = root.querySelectorAll(".lw-results [data-exercise]").length;
    count.textContent = Object.keys(filters).length
      ? `${shown} of ${all} exercises match.`
      : `All ${all} exercises.`;
  }
  // The form shows the state the address holds.
  const form = root.querySelector("form[data-lw-filters]");
  if (!form) return;
  for (const input of form.querySelectorAll("input[type=checkbox]")) {
    const chosen = filters[input.name];
    input.checked = Boolean(chosen && chosen.has(input.value));
  }
  const limit = form.querySelector("input[name=limit-have]");
  if (limit) limit.checked = Boolean(filters.have);
  for (const group of form.querySelectorAll("details[data-filter]")) {
    if (filters[group.dataset.filter]) group.open = true;
  }
}

function formToSearch(form) {
  const params = new URLSearchParams();
  const limit = form.querySelector("input[name=limit-have]");
  for (const name of FILTERS) {
    const values = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
    if (name === "have") {
      if ((limit && limit.checked) || values.length) params.set("have", values.join(","));
    } else if (values.length) {
      params.set(name, values.join(","));
    }
  }
  const query = params.toString().replace(/%2C/g, ",");
  return query ? "?" + query : "";
}

function setUpFilters() {
  const root = document.querySelector("[data-lw-browse]");
  if (!root) return;
  root.classList.add("lw-browse--live");
  const form = root.querySelector("form[data-lw-filters]");
  form.hidden = false;
  form.addEventListener("change", (event) => {
    // Unticking "only what I have" drops the equipment filter, ticks and all.
    if (event.target.name === "limit-have" && !event.target.checked) {
      for (const box of form.querySelectorAll('input[name="have"]')) box.checked = false;
    }
    history.replaceState(null, "", location.pathname + formToSearch(form) + location.hash);
    applyFilters(root);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const clear of root.querySelectorAll("[data-lw-clear]")) {
    clear.addEventListener("click", () => {
      history.replaceState(null, "", location.pathname + location.hash);
      applyFilters(root);
    });
  }
  window.addEventListener("popstate", () => applyFilters(root));
  applyFilters(root);
}

// --- Offline: a service worker keeps the site shell and each session page you open, with
// its exercises and its PDF. Never under `mkdocs serve`, where it removes any old worker.

function siteRoot() {
  const config = document.getElementById("__config");
  let base = ".";
  try {
    base = JSON.parse(config.textContent).base || ".";
  } catch {
    // no theme config: assume the page sits at the root
  }
  return new URL(base.endsWith("/") ? base : base + "/", location.href);
}

// Ask the worker to keep this page, its exercises and its PDF; ask again if a new worker
// takes over before answering (a deploy mid-visit), and give up quietly after a while.
function askToKeep(worker, urls) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    worker.postMessage({ type: "keep", urls }, [channel.port2]);
  });
}

async function keepSession(card, status) {
  const links = card.querySelectorAll(".lw-block__name a:not(.headerlink), a[download]");
  const here = location.href.split(/[?#]/)[0];
  const urls = [...new Set([here, ...[...links].map((a) => a.href.split("#")[0])])];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const registration = await navigator.serviceWorker.ready;
    const changed = new Promise((resolve) => {
      navigator.serviceWorker.addEventListener("controllerchange", () => resolve(null), {
        once: true,
      });
    });
    const late = new Promise((resolve) => setTimeout(() => resolve(null), 15000));
    const answer = await Promise.race([askToKeep(registration.active, urls), changed, late]);
    if (!answer) continue;
    const { kept, asked } = answer;
    card.dataset.lwOffline = kept === asked ? "ready" : "partial";
    if (status && kept === asked) {
      status.textContent = "Saved on this device: this session works without signal.";
    }
    return;
  }
}

async function setUpOffline() {
  if (!("serviceWorker" in navigator)) return;
  const root = siteRoot();
  const mode = document.querySelector('meta[name="legwork-offline"]');
  if (!mode || mode.content !== "on") {
    // A worker from an earlier build may still answer this page: ask it to stop writing
    // (and to finish what it is writing) before its caches go, or it brings one back.
    const controller = navigator.serviceWorker.controller;
    if (controller) {
      await new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = resolve;
        controller.postMessage({ type: "retire" }, [channel.port2]);
        setTimeout(resolve, 3000); // an older worker does not answer
      });
    }
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      if (registration.scope.startsWith(root.href)) await registration.unregister();
    }
    for (const name of await caches.keys()) {
      if (name.startsWith("legwork-")) await caches.delete(name);
    }
    return;
  }
  try {
    const registration = await navigator.serviceWorker.register(new URL("sw.js", root).href, {
      scope: root.href,
    });
    // Look for a new deploy on every visit with signal (one small request: the browser
    // would otherwise wait up to a day), and let a new worker take over once installed.
    const nudge = (worker) => worker && worker.postMessage({ type: "skip-waiting" });
    const watch = (worker) =>
      worker?.addEventListener("statechange", () => {
        if (worker.state === "installed") nudge(worker);
      });
    nudge(registration.waiting);
    // A new worker may already be installing when the page gets here (its updatefound
    // came before this listener): watch that one too.
    watch(registration.installing);
    registration.addEventListener("updatefound", () => watch(registration.installing));
    if (navigator.onLine) registration.update().catch(() => {});
    const card = document.querySelector("[data-lw-session]");
    if (card) await keepSession(card, document.querySelector("[data-lw-offline-status]"));
  } catch (error) {
    console.warn("Legwork: offline use is not available here", error);
  }
}

// --- Newsletter kit: tracking tags typed into the form are added to every snippet's link.

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
  const share = target.closest("[data-lw-share]");
  if (share) {
    sharePage(share);
    return;
  }
  const copy = target.closest("[data-lw-copy]");
  if (copy) {
    copyText(document.getElementById(copy.dataset.lwCopy).textContent).then(() => {
      const label = copy.textContent;
      copy.textContent = "Copied";
      setTimeout(() => { copy.textContent = label; }, 1500);
    });
  }
});

document.addEventListener("input", (event) => {
  const form = event.target instanceof Element && event.target.closest("[data-lw-utm]");
  if (form) applyTrackingTags(form);
});

// --- Ladders: on a narrow screen, scroll the current rung into view, sideways only. -------

function showCurrentRungs() {
  for (const rung of document.querySelectorAll(".lw-ladder__rung--current")) {
    const scroller = rung.closest(".lw-ladder__scroll");
    if (!scroller || scroller.scrollWidth <= scroller.clientWidth) continue;
    const offset = rung.offsetLeft - (scroller.clientWidth - rung.offsetWidth) / 2;
    scroller.scrollLeft = Math.max(0, offset);
  }
}

// Material wraps each table in a box that scrolls sideways when the table is wider than the
// screen. Where it does, a keyboard must be able to reach the box to scroll it, and a screen
// reader needs a name for it; where it does not, it stays out of the tab order.
function focusableTableScrolls() {
  const boxes = document.querySelectorAll(".md-typeset__scrollwrap");
  for (const [index, box] of boxes.entries()) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", `Table ${index + 1} of ${boxes.length} (scrolls sideways)`);
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
}

function setUpTableScrolls() {
  // Material wraps the tables once the page is ready; its document$ says when.
  if (window.document$) window.document$.subscribe(focusableTableScrolls);
  else document.addEventListener("DOMContentLoaded", focusableTableScrolls);
  window.addEventListener("resize", focusableTableScrolls);
}

focusableTerms();
setUpTableScrolls();
showCurrentRungs();
setUpFilters();
setUpOffline();
