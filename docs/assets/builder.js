// The card builder (sessions/build/): a coach picks exercises, stages and sets; the card is
// drawn with the same markup and print stylesheet as the library's session cards, laid out
// at the printed page's size to refuse what would not fit, kept in the address, printed with
// a QR code back to that address, run in session mode and downloaded as a session file.
// Every fact comes from the data the build put in the page (#lw-builder-data).
// This script runs just before session.js, so in session mode the card it draws is the
// card that session.js's session mode (ticks, loads, rest timer) picks up.

(function () {
  "use strict";

  const root = document.querySelector("[data-lw-builder]");
  const source = document.getElementById("lw-builder-data");
  if (!root || !source) return;
  const DATA = JSON.parse(source.textContent);
  const MM = 96 / 25.4; // CSS pixels per millimetre
  const SAVED_KEY = "legwork:builder:saved";

  const exercises = new Map(DATA.exercises.map((e) => [e.id, e]));
  const renamed = new Map();
  for (const e of DATA.exercises) for (const old of e.previous_ids) renamed.set(old, e.id);
  const itemsByKey = (list) => new Map(list.map((item) => [item.key, item]));
  const ITEMS = {
    warm: itemsByKey(DATA.warm_up),
    finish: itemsByKey(DATA.finish),
    notes: itemsByKey(DATA.notes),
  };
  const PLANS = new Map(DATA.plans.map((p) => [p.key, p]));
  const LIMITS = { warm: [1, 3], finish: [0, 2], notes: [0, 2] };

  const $ = (selector, where = root) => where.querySelector(selector);

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function stageOf(exercise, stage) {
    return exercise.stages.find((s) => s.stage === stage);
  }

  // --- The state, and the address that holds it. ---------------------------------------

  function defaultPlan() {
    return PLANS.get(DATA.defaults.plan) || DATA.plans[0];
  }

  // The default card's lines: the first shipped card's, but only the first two warm-up
  // items (the general ones; a third is often about that card's own first lift).
  function defaultItems(kind) {
    const plan = defaultPlan();
    const keys = [...ITEMS[kind].keys()].filter((key) => key.startsWith(plan.key + "."));
    return kind === "warm" ? keys.slice(0, 2) : keys;
  }

  // `?title=<text>&e=<exercise-id>:<stage>[:<sets>],...` and, where they differ from the
  // defaults, `warm=`, `finish=`, `notes=` (item keys) and `plan=` (a session's id).
  function readState(search) {
    const params = new URLSearchParams(search);
    const dropped = [];
    const blocks = [];
    const title = (params.get("title") || "").trim().slice(0, 60);
    for (const part of (params.get("e") || "").split(",").map((p) => p.trim()).filter(Boolean)) {
      const [rawId, stage, rawSets] = part.split(":");
      const id = exercises.has(rawId) ? rawId : renamed.get(rawId);
      const exercise = exercises.get(id);
      if (!exercise) {
        dropped.push(`“${rawId}” is not an exercise in the library, so it was left out.`);
        continue;
      }
      const dose = stageOf(exercise, stage);
      if (!dose) {
        const stages = exercise.stages.map((s) => s.stage).join(", ");
        dropped.push(
          `${exercise.name} has no “${stage || ""}” stage (it has ${stages}), so it was left out.`
        );
        continue;
      }
      if (blocks.some((b) => b.id === id)) {
        dropped.push(`${exercise.name} was on the card twice; the second was left out.`);
        continue;
      }
      if (blocks.length >= DATA.max_blocks) {
        dropped.push(`A card holds ${DATA.max_blocks} exercises; ${exercise.name} was left out.`);
        continue;
      }
      let sets = dose.sets.max;
      if (rawSets !== undefined && rawSets !== "") {
        const asked = Number(rawSets);
        if (Number.isInteger(asked) && asked >= dose.sets.min && asked <= dose.sets.max) {
          sets = asked;
        } else {
          sets = Number.isInteger(asked) && asked < dose.sets.min ? dose.sets.min : dose.sets.max;
          dropped.push(
            `${exercise.name} at the ${stage} stage takes ${dose.sets.min} to ${dose.sets.max} sets, so it has ${sets}.`
          );
        }
      }
      blocks.push({ id, stage, sets });
    }
    const state = { title, blocks, plan: defaultPlan().key };
    if (params.has("plan") && PLANS.has(params.get("plan"))) state.plan = params.get("plan");
    for (const kind of Object.keys(ITEMS)) {
      if (!params.has(kind)) {
        state[kind] = defaultItems(kind);
        continue;
      }
      const keys = params.get(kind).split(",").filter((key) => ITEMS[kind].has(key));
      state[kind] = [...new Set(keys)].slice(0, LIMITS[kind][1]);
      if (state[kind].length < LIMITS[kind][0]) state[kind] = defaultItems(kind);
    }
    return { state, dropped };
  }

  function query(state) {
    const parts = [];
    if (state.title) parts.push("title=" + encodeURIComponent(state.title));
    const blocks = state.blocks.map((b) => {
      const dose = stageOf(exercises.get(b.id), b.stage);
      return `${b.id}:${b.stage}` + (b.sets !== dose.sets.max ? `:${b.sets}` : "");
    });
    if (blocks.length) parts.push("e=" + blocks.join(","));
    for (const kind of Object.keys(ITEMS)) {
      if (state[kind].join(",") !== defaultItems(kind).join(",")) {
        parts.push(`${kind}=${state[kind].join(",")}`);
      }
    }
    if (state.plan !== defaultPlan().key) parts.push("plan=" + state.plan);
    return parts.length ? "?" + parts.join("&") : "";
  }

  function cardAddress(state) {
    return DATA.site_url + DATA.page + query(state);
  }

  // --- The session the state describes, as the session file and the card say it. ------

  function span(range, unit) {
    const text = range.min === range.max ? `${range.min}` : `${range.min}–${range.max}`;
    return unit ? `${text} ${unit}` : text;
  }

  function restText(range) {
    if (range.min % 60 === 0 && range.max % 60 === 0 && range.min >= 120) {
      return span({ min: range.min / 60, max: range.max / 60 }, "min");
    }
    return span(range, "s");
  }

  const UNITS = { reps: "reps", seconds: "s", contacts: "contacts" };

  // Python's round(): halves go to the even neighbour, as the validator computes the time.
  function roundHalfEven(value) {
    const floor = Math.floor(value);
    const diff = value - floor;
    if (Math.abs(diff - 0.5) < 1e-9) return floor % 2 === 0 ? floor : floor + 1;
    return Math.round(value);
  }

  function sessionKit(blocks) {
    const always = new Set(DATA.labels.always_at_hand);
    const shopping = (set) => [...set].filter((item) => !always.has(item)).length;
    let unions = new Map([["", { items: new Set(), rank: 0 }]]);
    for (const id of new Set(blocks.map((b) => b.id))) {
      const grown = new Map();
      for (const { items, rank } of unions.values()) {
        exercises.get(id).kits.forEach((kit, position) => {
          const union = new Set([...items, ...kit]);
          const key = [...union].sort().join(" ");
          const best = grown.get(key);
          if (!best || rank + position < best.rank) grown.set(key, { items: union, rank: rank + position });
        });
      }
      const fewest = Math.min(...[...grown.values()].map((u) => shopping(u.items)));
      unions = new Map([...grown].filter(([, u]) => shopping(u.items) <= fewest + 1));
    }
    const best = [...unions.values()].sort(
      (a, b) =>
        shopping(a.items) - shopping(b.items) || a.rank - b.rank || a.items.size - b.items.size
    )[0];
    return DATA.labels.equipment_order.filter((item) => best.items.has(item));
  }

  function kitWords(kit) {
    const always = new Set(DATA.labels.always_at_hand);
    const needed = kit.filter((item) => !always.has(item)).map((i) => DATA.labels.equipment[i]);
    if (!needed.length) return "nothing beyond body weight, a wall and floor space";
    const words = [needed[0], ...needed.slice(1).map((n) => n[0].toLowerCase() + n.slice(1))];
    return words.slice(0, -1).join(", ") + (words.length > 1 ? " and " : "") + words.at(-1);
  }

  function slug(title) {
    const base = title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50)
      .replace(/-+$/, "");
    let id = base || "my-card";
    const taken = new Set(DATA.taken_ids);
    for (let n = 2; taken.has(id); n += 1) id = `${base || "my-card"}-${n}`;
    return id;
  }

  function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function describe(state) {
    const plan = PLANS.get(state.plan);
    const levels = DATA.labels.level_order;
    const planBlocks = (PLANS.get(state.plan) || {}).blocks || [];
    const blocks = state.blocks.map((b) => {
      const exercise = exercises.get(b.id);
      const dose = stageOf(exercise, b.stage);
      const below = b.sets < dose.rule_sets || dose.amount.max < dose.rule_amount;
      // The plan card's own lines for this exercise at this stage, where it has them.
      const own = planBlocks.find((p) => p.exercise === b.id && p.stage === b.stage);
      return {
        exercise,
        dose,
        stage: b.stage,
        sets: b.sets,
        measure: dose.measure,
        amount: dose.amount,
        single: dose.single,
        rest: dose.rest,
        load: own ? own.load : dose.load,
        cue: own ? own.cue : exercise.cues[0],
        below_rule: below ? (own && own.below_rule) || DATA.below_rule : null,
      };
    });
    const level = blocks.length
      ? levels[Math.max(...blocks.map((b) => levels.indexOf(b.exercise.level)))]
      : levels[0];
    const warm = state.warm.map((key) => ITEMS.warm.get(key));
    const finish = state.finish.map((key) => ITEMS.finish.get(key));
    const notes = state.notes.map((key) => ITEMS.notes.get(key).text);
    let seconds = 60 * [...warm, ...finish].reduce((sum, item) => sum + item.minutes, 0);
    for (const b of blocks) seconds += b.sets * (b.dose.set_seconds + (b.rest.min + b.rest.max) / 2);
    if (blocks.length) seconds -= (blocks.at(-1).rest.min + blocks.at(-1).rest.max) / 2;
    const sources = [...new Set(blocks.map((b) => b.exercise.source).filter(Boolean))];
    const title = state.title || "My session card";
    return {
      id: slug(title),
      title,
      level,
      phase: plan.phase,
      minutes: roundHalfEven(seconds / 60),
      kit: kitWords(sessionKit(state.blocks)),
      warm,
      blocks,
      progression: plan.progression,
      week_placement: plan.week_placement,
      finish,
      notes,
      sources,
      reviewed: today(),
    };
  }

  // --- The card: the markup of macros/site/templates/_card.j2. -------------------------

  function qrSvg(url) {
    const code = qrcode(0, "M");
    code.addData(url);
    code.make();
    const count = code.getModuleCount();
    let path = "";
    for (let row = 0; row < count; row += 1) {
      for (let col = 0; col < count; col += 1) {
        if (code.isDark(row, col)) path += `M${col + 2} ${row + 2}h1v1h-1z`;
      }
    }
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${count + 4} ${count + 4}`);
    svg.setAttribute("class", "lw-qr");
    const title = document.createElementNS(ns, "title");
    title.textContent = `QR code: ${url}`;
    const shape = document.createElementNS(ns, "path");
    shape.setAttribute("d", path);
    shape.setAttribute("fill", "#000");
    svg.append(title, shape);
    return svg;
  }

  function strong(text) {
    return el("strong", { text });
  }

  function drawCard(card, session, { url, live = false }) {
    const phases = session.phase.map((p) => DATA.labels.phase[p]).join(", ");
    const warmMinutes = session.warm.reduce((sum, item) => sum + item.minutes, 0);
    const head = el(
      "div",
      { class: "lw-card__head" },
      el(
        "div",
        { class: "lw-card__intro" },
        el("h2", { id: "card-title", text: session.title }),
        el(
          "ul",
          { class: "lw-card__meta" },
          el("li", {}, strong("For:"), ` ${DATA.labels.level[session.level]} runners; ${phases}`),
          el("li", {}, strong("Time:"), ` about ${session.minutes} minutes`),
          el("li", {}, strong("Equipment:"), ` ${session.kit}`)
        )
      ),
      el(
        "figure",
        { class: "lw-card__qr lw-print-only", "aria-hidden": "true" },
        qrSvg(url),
        el(
          "figcaption",
          {},
          "Scan to open this card online; made with the card builder at",
          el("br"),
          el("span", { class: "lw-card__url", text: DATA.site_url + DATA.page })
        )
      )
    );
    const blocks = el("div", { class: "lw-blocks", id: "exercises" });
    session.blocks.forEach((b, index) => {
      const n = index + 1;
      const rows = [];
      for (let set = 1; set <= b.sets; set += 1) {
        for (const side of b.single ? ["L", "R"] : [""]) rows.push(side ? `${set} ${side}` : `${set}`);
      }
      const figure = el("div", { class: "lw-block__figure", "aria-hidden": "true" });
      figure.innerHTML = b.exercise.thumbnail; // drawn by the build from the data, not typed
      const weeks = [1, 2, 3, 4, 5];
      const unit = UNITS[b.measure] + (b.single ? " per side" : "");
      const sets = live
        ? el(
            "ol",
            { class: "lw-sets lw-no-print", "aria-label": `Sets of ${b.exercise.name}` },
            Array.from({ length: b.sets }, (_, i) =>
              el(
                "li",
                {},
                el(
                  "label",
                  { class: "lw-set" },
                  el("input", { type: "checkbox", "data-set": i + 1 }),
                  ` Set ${i + 1}${b.single ? " (both sides)" : ""}`
                ),
                el(
                  "label",
                  { class: "lw-load" },
                  "Load ",
                  el("input", {
                    type: "text",
                    inputmode: "decimal",
                    autocomplete: "off",
                    "data-load": i + 1,
                    placeholder: "load",
                  })
                )
              )
            )
          )
        : null;
      blocks.append(
        el(
          "section",
          {
            class: "lw-block",
            id: `block-${n}`,
            "data-block": n,
            "data-rest": Math.round((b.rest.min + b.rest.max) / 2),
            "aria-labelledby": `block-${n}-name`,
          },
          el(
            "h3",
            { class: "lw-block__name", id: `block-${n}-name` },
            el("span", { class: "lw-block__number", text: `${n}.` }),
            " ",
            el("a", { href: b.exercise.href, text: b.exercise.name })
          ),
          el(
            "div",
            { class: "lw-block__top" },
            figure,
            el(
              "div",
              { class: "lw-block__text" },
              el(
                "p",
                { class: "lw-block__dose" },
                strong(`${b.sets} × ${span(b.amount, unit)}`),
                " ",
                el("span", { class: "lw-block__rest", text: `· rest ${restText(b.rest)}` })
              ),
              el("p", { class: "lw-block__cue" }, strong("Cue:"), ` ${b.cue}`),
              el("p", { class: "lw-block__load" }, strong("Load:"), ` ${b.load}`),
              b.below_rule ? el("p", { class: "lw-block__why" }, strong("Why:"), ` ${b.below_rule}`) : null
            )
          ),
          sets,
          el(
            "table",
            { class: "lw-log lw-print-only" },
            el("caption", {
              class: "lw-visually-hidden",
              text: `Log for ${b.exercise.name}: load and reps for each set, week by week`,
            }),
            el(
              "thead",
              {},
              el(
                "tr",
                {},
                el("th", { scope: "col", text: "Set" }),
                weeks.map((w) => el("th", { scope: "col", text: `Week ${w}` }))
              )
            ),
            el(
              "tbody",
              {},
              rows.map((label) =>
                el("tr", {}, el("th", { scope: "row", text: label }), weeks.map(() => el("td")))
              )
            )
          )
        )
      );
    });
    const credits = session.sources
      .map((id) => DATA.sources[id])
      .filter(Boolean)
      .map((s) => (s.year ? `${s.short} ${s.year}` : s.short))
      .join("; ");
    card.replaceChildren(
      head,
      el(
        "p",
        { class: "lw-card__line", id: "warm-up" },
        strong(`Warm-up (${warmMinutes} min):`),
        " " + session.warm.map((item) => item.text).join(" · ")
      ),
      blocks,
      el(
        "p",
        { class: "lw-card__line lw-card__progression", id: "progression" },
        strong("Progress:"),
        ` ${session.progression}`
      ),
      session.finish.length
        ? el(
            "p",
            { class: "lw-card__line", id: "finish" },
            strong("Finish:"),
            " " + session.finish.map((i) => `${i.text} (${i.minutes} min)`).join(" · ")
          )
        : "", // no empty line where the card has none
      session.notes.length
        ? el(
            "p",
            { class: "lw-card__line", id: "notes" },
            strong("Notes:"),
            " " + session.notes.join(" · ")
          )
        : "",
      el("div", {
        class: "lw-card__notes lw-print-only",
        "aria-hidden": "true",
        text: "Your notes · in the log, write the load and the reps, e.g. 12 kg (26 lb) × 10",
      }),
      el("p", {
        class: "lw-card__credit",
        text:
          "Legwork session card · CC BY 4.0" +
          (credits ? ` · Based on ${credits}` : "") +
          ` · Reviewed ${session.reviewed}`,
      })
    );
  }

  // --- Does it fit? The card laid out at each paper's printable size, with the print
  // stylesheet's rules, in a frame of its own: what the browser will print, measured. ---

  let frame = null;

  function printStyles() {
    const out = [];
    const walk = (rules) => {
      for (const rule of rules) {
        if (rule.type === CSSRule.MEDIA_RULE) {
          const media = rule.media.mediaText;
          if (/\bprint\b/.test(media) && !/\bnot\b/.test(media)) walk(rule.cssRules);
          else if (!/\bscreen\b/.test(media)) out.push(rule.cssText);
        } else if (rule.type !== CSSRule.PAGE_RULE && rule.type !== CSSRule.IMPORT_RULE) {
          out.push(rule.cssText);
        }
      }
    };
    for (const sheet of document.styleSheets) {
      try {
        walk(sheet.cssRules);
      } catch {
        // a sheet the page may not read: none of the card's
      }
    }
    // Measure the card's own height: on paper it stretches to the page's foot.
    out.push(".md-typeset .lw-card { min-height: 0 !important; }");
    out.push(".lw-card__notes { flex: 0 0 auto !important; }");
    return out.join("\n");
  }

  function measuringFrame() {
    if (frame) return frame;
    frame = el("iframe", {
      title: "Card measure",
      "aria-hidden": "true",
      tabindex: "-1",
      class: "lw-builder__measure",
    });
    frame.style.cssText =
      "position:absolute;left:-10000px;top:0;height:10px;border:0;visibility:hidden";
    document.body.append(frame);
    const doc = frame.contentDocument;
    doc.open();
    doc.write(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><style></style></head>' +
        '<body><div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">' +
        '<div class="md-content"><article class="md-content__inner md-typeset"></article>' +
        "</div></div></main></div></body></html>"
    );
    doc.close();
    doc.querySelector("style").textContent = printStyles();
    return frame;
  }

  function measure(session, url) {
    const box = measuringFrame();
    const doc = box.contentDocument;
    const card = doc.createElement("div");
    card.className = "lw-card";
    card.setAttribute("style", DATA.card_style);
    drawCard(card, session, { url });
    const article = doc.querySelector("article");
    article.replaceChildren(doc.importNode(card, true));
    const placed = article.firstElementChild;
    const result = { papers: {}, parts: {} };
    for (const [paper, size] of Object.entries(DATA.paper)) {
      box.style.width = `${size.width}mm`;
      const height = doc.documentElement.scrollHeight / MM;
      const rect = placed.getBoundingClientRect();
      const used = Math.max(height, (rect.bottom + doc.defaultView.scrollY) / MM);
      result.papers[paper] = { used, room: size.height, fits: used <= size.height };
      if (paper === "Letter") {
        for (const part of placed.children) {
          const name = part.id || part.className.split(" ")[0].replace("lw-card__", "");
          result.parts[name] = part.getBoundingClientRect().height / MM;
        }
        result.blocks = [...placed.querySelectorAll(".lw-block")].map((block, i) => ({
          name: session.blocks[i].exercise.name,
          height: block.getBoundingClientRect().height / MM,
        }));
      }
    }
    result.fits = Object.values(result.papers).every((p) => p.fits);
    return result;
  }

  const PART_NAMES = {
    head: "the title and QR code",
    "warm-up": "the warm-up line",
    exercises: "the exercises and their logs",
    progression: "the progress line",
    finish: "the finish line",
    notes: "the notes",
    credit: "the credit line",
  };

  function spillMessage(fit, added) {
    // Name the paper it spills furthest past (usually Letter, the shorter page).
    const worst = Object.entries(fit.papers)
      .filter(([, p]) => !p.fits)
      .sort((a, b) => b[1].used - b[1].room - (a[1].used - a[1].room))[0];
    const [paper, p] = worst;
    const [part, height] = Object.entries(fit.parts)
      .filter(([name]) => name !== "notes" || true)
      .sort((a, b) => b[1] - a[1])[0];
    const tallest = (fit.blocks || []).slice().sort((a, b) => b.height - a.height)[0];
    const what = added ? `Adding ${added} would push the card past one page` : "This card runs past one page";
    let text =
      `${what}: it would need ${p.used.toFixed(0)} mm on ${paper === "A4" ? "A4" : "US Letter"}, ` +
      `which holds ${p.room.toFixed(0)} mm. ${capital(PART_NAMES[part] || part)} take ${height.toFixed(0)} mm`;
    if (part === "exercises" && tallest) {
      text += `; the tallest is ${tallest.name} at ${tallest.height.toFixed(0)} mm`;
    }
    return text + ". Remove an exercise, lower the sets or choose shorter items.";
  }

  function capital(text) {
    return text[0].toUpperCase() + text.slice(1);
  }

  // --- The page. -------------------------------------------------------------------------

  const params = new URLSearchParams(location.search);
  const sessionMode = params.get("mode") === "session";
  params.delete("mode");
  const loaded = readState("?" + params.toString());
  let state = loaded.state;
  const card = $("[data-lw-card]");
  const messages = $("[data-lw-messages]");

  // Messages show at the top (announced) and, for a refusal, also beside the exercise list
  // the coach was tapping in, so a phone shows it where the thumb is.
  function tell(lines, kind = "info") {
    const draw = () =>
      lines.map((line) => el("p", { class: `lw-builder__message lw-builder__message--${kind}`, text: line }));
    messages.replaceChildren(...draw());
    const near = $("[data-lw-near-messages]");
    if (near) near.replaceChildren(...(kind === "refused" ? draw() : []));
  }

  function render({ fitMessage = true } = {}) {
    const session = describe(state);
    const url = cardAddress(state);
    drawCard(card, session, { url, live: sessionMode });
    card.hidden = false;
    const fit = session.blocks.length ? measure(session, url) : null;
    for (const [paper, answer] of Object.entries(fit ? fit.papers : {})) {
      card.dataset[`lwFits${paper === "A4" ? "A4" : "Letter"}`] = answer.fits ? "yes" : "no";
      card.dataset[`lwUsed${paper === "A4" ? "A4" : "Letter"}`] = answer.used.toFixed(1);
    }
    card.dataset.lwFits = fit ? (fit.fits ? "yes" : "no") : "yes";
    const fitLine = $("[data-lw-fit]");
    if (fitLine) {
      if (!fit) fitLine.textContent = "";
      else if (fit.fits) {
        const left = Math.min(...Object.values(fit.papers).map((p) => p.room - p.used));
        fitLine.textContent = `Fits one page of A4 and of US Letter, with ${left.toFixed(0)} mm to spare for notes.`;
      } else if (fitMessage) fitLine.textContent = spillMessage(fit, null);
    }
    if (!sessionMode) {
      const address = location.pathname + query(state);
      if (address !== location.pathname + location.search) history.replaceState(null, "", address);
      drawChosen(session);
    }
    document.title = `${session.title} · card builder`;
    // The page's one Share control shares its canonical address: make that this card's.
    const canonical = document.querySelector('link[rel="canonical"]');
    if (canonical && session.blocks.length) canonical.href = cardAddress(state);
    return fit;
  }

  // Try a change; keep it only if the card still fits one page (or has no blocks).
  function attempt(next, added) {
    const before = state;
    state = next;
    const session = describe(state);
    if (session.blocks.length) {
      const fit = measure(session, cardAddress(state));
      const grew = next.blocks.length >= before.blocks.length;
      if (!fit.fits && grew && before.blocks.length) {
        const beforeFit = measure(describe(before), cardAddress(before));
        if (beforeFit.fits || fit.papers.Letter.used > beforeFit.papers.Letter.used + 0.1) {
          state = before;
          tell([spillMessage(fit, added)], "refused");
          render();
          return false;
        }
      }
    }
    render();
    return true;
  }

  function drawChosen(session) {
    const list = $("[data-lw-chosen]");
    $("[data-lw-chosen-empty]").hidden = session.blocks.length > 0;
    list.replaceChildren(
      ...session.blocks.map((b, index) => {
        const name = b.exercise.name;
        const stage = el(
          "select",
          { "data-stage": index, "aria-label": `Stage of ${name}` },
          b.exercise.stages.map((s) =>
            el("option", { value: s.stage, selected: s.stage === b.stage, text: s.stage })
          )
        );
        const sets = el(
          "select",
          { "data-sets": index, "aria-label": `Sets of ${name}` },
          Array.from({ length: b.dose.sets.max - b.dose.sets.min + 1 }, (_, i) => b.dose.sets.min + i).map(
            (n) => el("option", { value: n, selected: n === b.sets, text: `${n} sets` })
          )
        );
        const unit = UNITS[b.measure] + (b.single ? " per side" : "");
        return el(
          "li",
          { class: "lw-builder__item", "data-exercise": b.exercise.id },
          el("span", { class: "lw-builder__name", text: name }),
          el(
            "span",
            { class: "lw-builder__controls" },
            el("label", {}, "Stage ", stage),
            el("label", {}, "Sets ", sets),
            el("span", { class: "lw-builder__dose", text: `× ${span(b.amount, unit)}` })
          ),
          el(
            "span",
            { class: "lw-builder__order" },
            el("button", { type: "button", class: "md-button", "data-move": `${index}:-1`, "aria-label": `Move ${name} up`, disabled: index === 0 }, "Up"),
            el("button", { type: "button", class: "md-button", "data-move": `${index}:1`, "aria-label": `Move ${name} down`, disabled: index === session.blocks.length - 1 }, "Down"),
            el("button", { type: "button", class: "md-button", "data-remove": index, "aria-label": `Remove ${name}` }, "Remove")
          )
        );
      })
    );
    drawFound();
  }

  // The filters: the exercise list's own (kit, muscle, pattern, level, legs).
  const form = $("[data-lw-builder-filters]");

  function filters() {
    const chosen = {};
    for (const name of ["have", "muscle", "pattern", "level", "legs"]) {
      const values = [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
      if (values.length || (name === "have" && form.querySelector("input[name=limit-have]").checked)) {
        chosen[name] = new Set(values);
      }
    }
    return chosen;
  }

  function matches(exercise, chosen) {
    if (chosen.have) {
      const have = new Set([...chosen.have, ...DATA.labels.always_at_hand]);
      if (!exercise.kits.some((kit) => kit.every((item) => have.has(item)))) return false;
    }
    const any = (name, values) => !chosen[name] || values.some((v) => chosen[name].has(v));
    return (
      any("muscle", exercise.muscles) &&
      any("pattern", [exercise.pattern]) &&
      any("level", [exercise.level]) &&
      any("legs", exercise.legs)
    );
  }

  function drawFound() {
    const chosen = filters();
    const onCard = new Set(state.blocks.map((b) => b.id));
    const found = DATA.exercises.filter((e) => matches(e, chosen));
    $("[data-lw-found]").textContent = `${found.length} of ${DATA.exercises.length} exercises match.`;
    $("[data-lw-found-list]").replaceChildren(
      ...found.map((e) =>
        el(
          "li",
          { class: "lw-result", "data-exercise": e.id },
          el("a", { class: "lw-result__name", href: e.href, text: e.name }),
          el("span", {
            class: "lw-result__facts",
            text: `${DATA.labels.level[e.level]} · ${DATA.labels.pattern[e.pattern]} · ${e.legs.includes("single") ? "One leg at a time" : "Both legs"}`,
          }),
          el(
            "button",
            {
              type: "button",
              class: "md-button lw-builder__add",
              "data-add": e.id,
              "aria-label": onCard.has(e.id) ? `On the card: ${e.name}` : `Add ${e.name}`,
              disabled: onCard.has(e.id),
            },
            onCard.has(e.id) ? "On the card" : "Add"
          )
        )
      )
    );
  }

  function drawItems() {
    for (const fieldset of root.querySelectorAll("[data-lw-items]")) {
      const kind = fieldset.dataset.lwItems;
      const legend = fieldset.querySelector("legend");
      const list = kind === "warm" ? DATA.warm_up : DATA[kind];
      fieldset.replaceChildren(
        legend,
        ...list.map((item) =>
          el(
            "label",
            {},
            el("input", {
              type: "checkbox",
              name: kind,
              value: item.key,
              checked: state[kind].includes(item.key),
            }),
            ` ${item.text}${item.minutes ? " (" + item.minutes + " min)" : ""} `,
            el("span", { class: "lw-builder__from", text: `from ${item.from}` })
          )
        )
      );
    }
    const plan = $("[data-lw-plan]");
    plan.replaceChildren(
      ...DATA.plans.map((p) => el("option", { value: p.key, selected: p.key === state.plan, text: p.title }))
    );
  }

  function clone(next) {
    return { ...state, blocks: state.blocks.map((b) => ({ ...b })), ...next };
  }

  function status(text) {
    const line = $("[data-lw-action-status]");
    line.textContent = text;
  }

  function yamlText(session) {
    const q = (text) => JSON.stringify(text);
    const range = (r) => `{min: ${r.min}, max: ${r.max}}`;
    const lines = [
      "# yaml-language-server: $schema=../../docs/schemas/session.schema.json",
      `id: ${session.id}`,
      `title: ${q(session.title)}`,
      `summary: ${q(summary(session))}`,
      "audience:",
      `  level: ${session.level}`,
      `  phase: [${session.phase.join(", ")}]`,
      `duration_minutes: ${session.minutes}`,
      `week_placement: ${q(session.week_placement)}`,
      "warm_up:",
      ...session.warm.map((i) => `  - {minutes: ${i.minutes}, text: ${q(i.text)}}`),
      "blocks:",
    ];
    for (const b of session.blocks) {
      lines.push(
        `  - exercise: ${b.exercise.id}`,
        `    stage: ${b.stage}`,
        `    sets: ${b.sets}`,
        `    ${b.measure}: ${range(b.amount)}`,
        `    load: ${q(b.load)}`,
        `    rest_seconds: ${range(b.rest)}`,
        `    cue: ${q(b.cue)}`
      );
      if (b.below_rule) lines.push(`    below_rule: ${q(b.below_rule)}`);
    }
    lines.push(`progression: ${q(session.progression)}`);
    if (session.finish.length) {
      lines.push("finish:", ...session.finish.map((i) => `  - {minutes: ${i.minutes}, text: ${q(i.text)}}`));
    }
    if (session.notes.length) lines.push("notes:", ...session.notes.map((n) => `  - ${q(n)}`));
    lines.push("sources:");
    for (const id of session.sources) {
      lines.push(
        `  - id: ${id}`,
        `    supports: ${q("Cited on the exercise pages of this card for the technique and the doses of its stages; the choice and order of the exercises are the coach's.")}`
      );
    }
    lines.push(`reviewed: ${session.reviewed}`, "");
    return lines.join("\n");
  }

  function summary(session) {
    const names = session.blocks.map((b) => b.exercise.name);
    const listed =
      names.length > 1 ? names.slice(0, -1).join(", ") + " and " + names.at(-1) : names[0] || "";
    const long = `A strength session for runners made with the card builder: ${listed}.`;
    return long.length <= 200 ? long : `A strength session of ${names.length} exercises for runners, made with the card builder.`;
  }

  function savedCards() {
    try {
      const list = JSON.parse(localStorage.getItem(SAVED_KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  function drawSaved() {
    const list = savedCards();
    $("[data-lw-saved-empty]").hidden = list.length > 0;
    $("[data-lw-saved]").replaceChildren(
      ...list.map((item) =>
        el("li", {}, el("a", { href: location.pathname + item.query, text: item.title }), ` · ${item.saved}`)
      )
    );
  }

  function save() {
    const session = describe(state);
    const entry = { title: session.title, query: query(state), saved: today() };
    const list = savedCards().filter((item) => item.query !== entry.query);
    list.unshift(entry);
    try {
      localStorage.setItem(SAVED_KEY, JSON.stringify(list.slice(0, 50)));
      status("Saved on this device.");
    } catch {
      status("This browser would not keep it: copy the card's address instead.");
    }
    drawSaved();
  }

  function download() {
    const session = describe(state);
    if (!session.blocks.length) {
      status("Add an exercise first.");
      return;
    }
    const blob = new Blob([yamlText(session)], { type: "application/yaml" });
    const link = el("a", { href: URL.createObjectURL(blob), download: `${session.id}.yml` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status(`Downloaded ${session.id}.yml.`);
  }

  // --- Wire it up. -------------------------------------------------------------------------

  $("[data-lw-builder-nojs]").hidden = true;
  window.legworkBuilder = { yaml: () => yamlText(describe(state)), address: () => cardAddress(state) };

  if (sessionMode) {
    // Session mode: the card as it prints, with ticks and loads; legwork.js runs it, its log
    // kept under the card's address.
    card.dataset.lwSession = "build" + query(state);
    for (const line of root.querySelectorAll(".lw-builder__intro p")) line.hidden = true;
    render();
    const back = $("[data-lw-back]");
    back.hidden = false;
    back.querySelector("a").href = location.pathname + query(state);
    if (loaded.dropped.length) {
      const note = el("div", { class: "lw-builder__messages lw-no-print", role: "status" });
      root.insertBefore(note, back);
      note.append(...loaded.dropped.map((line) => el("p", { text: line })));
    }
    return;
  }

  $("[data-lw-builder-tools]").hidden = false;
  const titleField = $("[data-lw-title]");
  titleField.value = state.title;
  drawItems();
  drawSaved();
  const first = render();
  const notes = [...loaded.dropped];
  if (first && !first.fits) notes.push(spillMessage(first, null));
  if (notes.length) tell(notes, "dropped");

  titleField.addEventListener("input", () => {
    state = clone({ title: titleField.value.trim().slice(0, 60) });
    render();
  });

  form.addEventListener("change", (event) => {
    if (event.target.name === "limit-have" && !event.target.checked) {
      for (const box of form.querySelectorAll('input[name="have"]')) box.checked = false;
    }
    drawFound();
  });
  form.addEventListener("submit", (event) => event.preventDefault());

  root.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches("[data-stage]")) {
      const index = Number(target.dataset.stage);
      const next = clone();
      const dose = stageOf(exercises.get(next.blocks[index].id), target.value);
      next.blocks[index].stage = target.value;
      next.blocks[index].sets = dose.sets.max;
      tell([]);
      if (!attempt(next, `the ${target.value} stage of ${exercises.get(next.blocks[index].id).name}`)) return;
    } else if (target.matches("[data-sets]")) {
      const next = clone();
      next.blocks[Number(target.dataset.sets)].sets = Number(target.value);
      tell([]);
      attempt(next, "more sets");
    } else if (target.matches("[data-lw-items] input")) {
      const kind = target.name;
      const keys = [...root.querySelectorAll(`[data-lw-items="${kind}"] input:checked`)].map((i) => i.value);
      const [low, high] = LIMITS[kind];
      if (keys.length < low || keys.length > high) {
        target.checked = !target.checked;
        const least = low === 0 ? "up to" : low + " to";
        const what = kind === "warm" ? "warm-up items" : kind === "finish" ? "finishing items" : "notes";
        tell([`A card takes ${least} ${high} ${what}.`], "refused");
        return;
      }
      tell([]);
      if (!attempt(clone({ [kind]: keys }), "that item")) drawItems();
    } else if (target.matches("[data-lw-plan]")) {
      tell([]);
      if (!attempt(clone({ plan: target.value }), "that progress line")) drawItems();
    }
  });

  root.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest("button") : null;
    if (!target) return;
    if (target.dataset.add) {
      const exercise = exercises.get(target.dataset.add);
      if (state.blocks.length >= DATA.max_blocks) {
        tell([`A card holds at most ${DATA.max_blocks} exercises: remove one to add ${exercise.name}.`], "refused");
        return;
      }
      const stage = exercise.stages[0];
      tell([]);
      const next = clone();
      next.blocks.push({ id: exercise.id, stage: stage.stage, sets: stage.sets.max });
      if (attempt(next, exercise.name)) tell([`Added ${exercise.name}.`]);
    } else if (target.dataset.move) {
      const [index, step] = target.dataset.move.split(":").map(Number);
      const next = clone();
      const [moved] = next.blocks.splice(index, 1);
      next.blocks.splice(index + step, 0, moved);
      state = next;
      render();
      const buttons = root.querySelectorAll(`[data-move^="${index + step}:"]`);
      const again = [...buttons].find((b) => !b.disabled);
      if (again) again.focus();
    } else if (target.dataset.remove !== undefined) {
      const next = clone();
      const [gone] = next.blocks.splice(Number(target.dataset.remove), 1);
      state = next;
      tell([`Removed ${exercises.get(gone.id).name}.`]);
      render();
    } else if (target.matches("[data-lw-start]")) {
      if (!state.blocks.length) {
        status("Add an exercise first.");
        return;
      }
      save();
      location.assign(location.pathname + (query(state) || "?") + (query(state) ? "&" : "") + "mode=session");
    } else if (target.matches("[data-lw-save]")) {
      save();
    } else if (target.matches("[data-lw-download]")) {
      download();
    }
  });
})();
