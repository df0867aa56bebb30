// Legwork's session mode, log and plan calendar, loaded by the session, programme and
// builder pages only, right after the card (so the card is ready before the first paint
// and nothing jumps; it runs before legwork.js, whose say() it calls only once the page is
// up). Tick sets, log reps and loads, rest between sets, export and import the log, and a
// programme as a calendar file.

// --- Session mode: tick sets, log reps and loads, rest between sets; kept on this device. --
// Storage: one record per session, "legwork:session:<id>", holding the current week and,
// per week, keyed "<block>-<set>": the ticked sets, the reps (or seconds or contacts) done,
// the loads and the day each set was logged, with what each block was (exercise, name,
// measure) so the log can be exported on its own. Version 2; version 1 (ticks and loads
// only, no version field) is migrated when it is read.

const STORE_PREFIX = "legwork:session:";
const RECORD_VERSION = 2;
const LOG_FORMAT = "legwork-session-log";

function emptyWeek() {
  return { ticks: {}, loads: {}, reps: {}, dates: {}, blocks: {} };
}

// Any record this page has ever written, brought to the current version. Version 1 knew no
// reps: its ticked sets keep their ticks and loads, and no reps are invented for them.
function migrateRecord(record) {
  if (!record || typeof record !== "object" || !record.weeks) return null;
  if (!Number.isInteger(record.week)) return null;
  const weeks = {};
  for (const [number, week] of Object.entries(record.weeks)) {
    if (!week || typeof week !== "object") continue;
    const plain = (value) => (value && typeof value === "object" ? { ...value } : {});
    weeks[number] = {
      ticks: plain(week.ticks),
      loads: plain(week.loads),
      reps: plain(week.reps),
      dates: plain(week.dates),
      blocks: plain(week.blocks),
    };
  }
  const migrated = { version: RECORD_VERSION, week: record.week, weeks };
  if (record.timer) migrated.timer = record.timer;
  return migrated;
}

function loadRecord(id) {
  try {
    const record = migrateRecord(JSON.parse(localStorage.getItem(STORE_PREFIX + id) || "null"));
    if (record) return record;
  } catch {
    // storage blocked or damaged: start afresh
  }
  return { version: RECORD_VERSION, week: 1, weeks: {} };
}

function saveRecord(id, record) {
  try {
    localStorage.setItem(STORE_PREFIX + id, JSON.stringify(record));
  } catch {
    // storage full or blocked: the page still works, it just forgets
  }
}

function thisWeek(record) {
  record.weeks[record.week] ??= emptyWeek();
  return record.weeks[record.week];
}

function setKey(input) {
  const block = input.closest("[data-block]").dataset.block;
  return `${block}-${input.dataset.set || input.dataset.load || input.dataset.reps || input.dataset.lwHold}`;
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// The latest earlier week that has loads in it: skipping a week keeps the hints.
function lastLoads(record) {
  for (let week = record.week - 1; week >= 1; week -= 1) {
    const earlier = record.weeks[week];
    if (earlier && Object.keys(earlier.loads).length) return earlier;
  }
  return null;
}

function logged(week) {
  return Boolean(
    week && (Object.keys(week.ticks).length || Object.keys(week.reps).length ||
      Object.keys(week.loads).length),
  );
}

// --- Your log decides next week. ---------------------------------------------------------
// One block of a logged week against its stage's rule (progress_when, from the data):
// `facts` is the block as the page's JSON gives it ({sets, unit, rule: {sets, amount},
// next}), `week` a stored week, `number` the block's number on the card. A set counts when
// its logged reps (or seconds or contacts) reach the rule's amount; the rule asks for
// `rule.sets` such sets, or every set of the block when it names none.

function judgeBlock(facts, week, number, nextName = "", repeatWhat = "this week's dose") {
  const needed = facts.rule.sets || facts.sets;
  let reached = 0;
  for (let set = 1; set <= facts.sets; set += 1) {
    const done = Number((week.reps || {})[`${number}-${set}`]);
    if (Number.isFinite(done) && done >= facts.rule.amount) reached += 1;
  }
  const amount = `${facts.rule.amount}${facts.unit === "s" ? " s" : " " + facts.unit}`;
  const tally = `${reached} of ${needed} sets reached ${amount}`;
  if (reached < needed) {
    return { advice: "repeat", reached, needed, text: `Repeat ${repeatWhat}: ${tally}.` };
  }
  const next = facts.next;
  let text;
  if (!next) {
    text = `Move up: ${tally}, and this is the top of its ladder: add load, one step at a time.`;
  } else if (next.kind === "stage") {
    text = `Move up to the ${next.stage_label.toLowerCase()} stage: ${next.dose} (${tally}).`;
  } else {
    text = `Move up to the next rung, ${nextName || "the next exercise on its ladder"} (${next.stage_label.toLowerCase()} stage): ${next.dose} (${tally}).`;
  }
  return { advice: "move-up", reached, needed, text };
}

function readRules() {
  const script = document.querySelector("script[data-lw-rules]");
  try {
    return script ? JSON.parse(script.textContent) : null;
  } catch {
    return null;
  }
}

// Advice on the week before the current one: shown from the stored log, so it is the same
// after a reload or offline.
function showAdvice(card, record, rules) {
  const judged = record.weeks[record.week - 1];
  for (const block of card.querySelectorAll("[data-block]")) {
    const text = block.querySelector("[data-lw-advice-text]");
    const facts = rules && rules.blocks[block.dataset.block];
    if (!text || !facts || !logged(judged)) {
      block.removeAttribute("data-advice");
      if (text) text.hidden = true;
      continue;
    }
    const verdict = judgeBlock(facts, judged, block.dataset.block, text.dataset.nextName);
    block.dataset.advice = verdict.advice;
    text.textContent = `Week ${record.week - 1}: ${verdict.text}`;
    text.hidden = false;
  }
}

// What each block was, kept with the week, so the log reads on its own when exported.
function snapshotBlocks(week, rules) {
  if (!rules) return;
  for (const [number, facts] of Object.entries(rules.blocks)) {
    const advice = document.querySelector(`[data-block="${number}"] [data-lw-advice-text]`);
    const name = advice ? advice.dataset.name : "";
    week.blocks[number] ??= { exercise: facts.exercise, name, measure: facts.measure };
  }
}

function showWeek(card, record, rules) {
  const week = thisWeek(record);
  const last = lastLoads(record);
  for (const box of card.querySelectorAll("input[type=checkbox][data-set]")) {
    box.checked = Boolean(week.ticks[setKey(box)]);
  }
  for (const field of card.querySelectorAll("input[data-reps]")) {
    const done = week.reps[setKey(field)];
    field.value = done === undefined ? "" : String(done);
  }
  for (const field of card.querySelectorAll("input[data-load]")) {
    field.value = week.loads[setKey(field)] || "";
    const before = last && last.loads[setKey(field)];
    field.placeholder = before ? `last: ${before}` : "load";
  }
  const number = card.parentElement.querySelector("[data-lw-week-number]");
  if (number) number.textContent = String(record.week);
  showAdvice(card, record, rules);
}

// --- Timers: get ready, hold, rest. -------------------------------------------------------
// Each counts down from the clock (a phone that sleeps mid-rest still ends it on time),
// then says so, and buzzes or beeps where allowed.
const timer = { end: 0, tick: 0, audio: null };

function formatSeconds(seconds) {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function beep() {
  if (!timer.audio) return;
  try {
    const tone = timer.audio.createOscillator();
    const gain = timer.audio.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.2;
    tone.connect(gain).connect(timer.audio.destination);
    tone.start();
    tone.stop(timer.audio.currentTime + 0.4);
  } catch {
    // no sound: the message still shows
  }
}

function buzz() {
  if (typeof navigator.vibrate === "function") navigator.vibrate([200, 100, 200]);
  beep();
}

// The contact counter's two buttons show only while a set of contacts is being counted.
function hideCounter(panel) {
  for (const button of panel.querySelectorAll("[data-lw-timer-tap], [data-lw-timer-finish]")) {
    button.hidden = true;
    button.onclick = null;
  }
}

function stopTimer(panel, id, record) {
  clearInterval(timer.tick);
  timer.tick = 0;
  hideCounter(panel);
  panel.hidden = true;
  panel.classList.remove("lw-timer--done");
  delete panel.dataset.lwPhase;
  if (record && record.timer) {
    delete record.timer;
    saveRecord(id, record);
  }
}

// One countdown in the panel: `phase` names it (ready, hold, rest) and `then` runs when it
// ends; a rest ends the sequence with "Rest over".
function runPhase(panel, phase, end, label, then) {
  clearInterval(timer.tick);
  hideCounter(panel);
  timer.end = end;
  const left = panel.querySelector("[data-lw-timer-left]");
  const done = panel.querySelector("[data-lw-timer-done]");
  const kind = panel.querySelector("[data-lw-timer-kind]");
  if (kind) kind.textContent = { ready: "Get ready", hold: "Hold", rest: "Rest" }[phase];
  panel.dataset.lwPhase = phase;
  panel.querySelector("[data-lw-timer-what]").textContent = label;
  panel.classList.remove("lw-timer--done");
  done.textContent = "";
  panel.hidden = false;
  const update = () => {
    const remaining = (timer.end - Date.now()) / 1000;
    left.textContent = formatSeconds(remaining);
    if (remaining > 0) return;
    clearInterval(timer.tick);
    timer.tick = 0;
    if (then) {
      then();
      return;
    }
    panel.classList.add("lw-timer--done");
    done.textContent = "Rest over";
    buzz();
  };
  update();
  if (timer.end > Date.now()) timer.tick = setInterval(update, 250);
}

function runTimer(panel, end, label) {
  runPhase(panel, "rest", end, label, null);
}

// Sound may only start from a tap: make the audio context while we have one.
function wakeAudio() {
  const Audio = window.AudioContext || window.webkitAudioContext;
  if (!timer.audio && Audio) {
    try {
      timer.audio = new Audio();
    } catch {
      timer.audio = null;
    }
  }
}

function startTimer(panel, seconds, label) {
  clearInterval(timer.tick);
  wakeAudio();
  const end = Date.now() + seconds * 1000;
  runTimer(panel, end, label);
  return end;
}

const GET_READY_SECONDS = 3;

// A hold: 3 s to get into position, then the hold's seconds, ending with a beep and a buzz;
// `done` logs the set and starts the rest.
function startHold(panel, seconds, label, done) {
  wakeAudio();
  const ready = Date.now() + GET_READY_SECONDS * 1000;
  runPhase(panel, "ready", ready, label, () => {
    buzz();
    runPhase(panel, "hold", Date.now() + seconds * 1000, label, () => {
      buzz();
      done();
    });
  });
}

// A set of contacts (pogo hops, bounds): the same 3 s to get set, then the set's target
// shown with a big button to tap for each contact, for drills slow enough to tap along; the
// target reached ends the set with a beep and a buzz. "Set done" ends it early: the count
// tapped, or the target when nothing was tapped (as ticking a set with its field empty).
// `done` gets the contacts to log.
function startCount(panel, target, label, done) {
  wakeAudio();
  runPhase(panel, "ready", Date.now() + GET_READY_SECONDS * 1000, label, () => {
    buzz();
    countContacts(panel, target, label, done);
  });
}

function countContacts(panel, target, label, done) {
  clearInterval(timer.tick);
  timer.tick = 0;
  panel.dataset.lwPhase = "count";
  const kind = panel.querySelector("[data-lw-timer-kind]");
  if (kind) kind.textContent = "Contacts";
  panel.querySelector("[data-lw-timer-what]").textContent = label;
  const left = panel.querySelector("[data-lw-timer-left]");
  const tap = panel.querySelector("[data-lw-timer-tap]");
  const finish = panel.querySelector("[data-lw-timer-finish]");
  let count = 0;
  const show = () => {
    left.textContent = `${count} of ${target}`;
  };
  const end = (contacts) => {
    hideCounter(panel);
    done(contacts);
  };
  tap.hidden = false;
  finish.hidden = false;
  tap.onclick = () => {
    count += 1;
    show();
    if (count >= target) {
      buzz();
      end(count);
    }
  };
  finish.onclick = () => end(count || target);
  show();
  tap.focus({ preventScroll: true });
}

// --- The screen stays on while a session is open (where the browser can). -----------------

function keepAwake(card) {
  if (!navigator.wakeLock || typeof navigator.wakeLock.request !== "function") return;
  const request = async () => {
    try {
      const lock = await navigator.wakeLock.request("screen");
      card.dataset.lwAwake = "on";
      lock.addEventListener?.("release", () => {
        card.dataset.lwAwake = "off";
      });
    } catch {
      card.dataset.lwAwake = "refused"; // battery saver, or not allowed: the page still works
    }
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") request();
  });
  request();
}

// --- Your log, out and back. ----------------------------------------------------------------

function storedSessions() {
  const sessions = {};
  try {
    for (let index = 0; index < localStorage.length; index += 1) {
      const key = localStorage.key(index);
      if (!key || !key.startsWith(STORE_PREFIX)) continue;
      const id = key.slice(STORE_PREFIX.length);
      const record = loadRecord(id);
      sessions[id] = { week: record.week, weeks: record.weeks };
    }
  } catch {
    // storage blocked: nothing to export
  }
  return sessions;
}

function logDocument() {
  return { format: LOG_FORMAT, version: RECORD_VERSION, exported: new Date().toISOString(),
    sessions: storedSessions() };
}

const CSV_COLUMNS = [
  "date", "session", "week", "exercise_id", "exercise_name", "set",
  "reps", "seconds", "contacts", "load", "unit",
];

function csvField(value) {
  const text = value === undefined || value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// A load typed as a number with an optional unit ("40", "40 kg", "90lb") splits into load
// and unit; anything else ("red band", "bodyweight") stays whole in load.
function splitLoad(text) {
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*(kg|lb|lbs)?\s*$/i.exec(text || "");
  if (!match) return [text || "", ""];
  return [match[1].replace(",", "."), (match[2] || "").toLowerCase()];
}

function logCsv(sessions) {
  const rows = [CSV_COLUMNS.join(",")];
  const bySet = (a, b) => {
    const [ab, as] = a.split("-").map(Number);
    const [bb, bs] = b.split("-").map(Number);
    return ab - bb || as - bs;
  };
  for (const id of Object.keys(sessions).sort()) {
    const weeks = sessions[id].weeks;
    for (const number of Object.keys(weeks).map(Number).sort((a, b) => a - b)) {
      const week = weeks[number];
      const keys = new Set([...Object.keys(week.ticks), ...Object.keys(week.reps),
        ...Object.keys(week.loads)]);
      for (const key of [...keys].sort(bySet)) {
        const [block, set] = key.split("-");
        const facts = week.blocks[block] || {};
        const done = week.reps[key];
        const [load, unit] = splitLoad(week.loads[key]);
        const row = {
          date: week.dates[key] || "", session: id, week: number,
          exercise_id: facts.exercise || "", exercise_name: facts.name || "", set,
          reps: facts.measure === "reps" || !facts.measure ? done : "",
          seconds: facts.measure === "seconds" ? done : "",
          contacts: facts.measure === "contacts" ? done : "",
          load, unit,
        };
        rows.push(CSV_COLUMNS.map((column) => csvField(row[column])).join(","));
      }
    }
  }
  return rows.join("\r\n") + "\r\n";
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function sameWeek(a, b) {
  const canon = (week) => JSON.stringify(["ticks", "loads", "reps", "dates"].map((part) =>
    Object.entries(week[part]).sort(([x], [y]) => (x < y ? -1 : 1))));
  return canon(a) === canon(b);
}

// Merge a Legwork log into this phone's: a week this phone lacks is added; a week it holds
// with the same entries is left; a week it holds with other entries is kept as it is here,
// and the message says which. Returns the message.
function importLog(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: "This file is not a Legwork log: it is not JSON." };
  }
  if (!data || data.format !== LOG_FORMAT || !data.sessions || typeof data.sessions !== "object") {
    return { ok: false, message: "This file is not a Legwork log: it lacks \"format\": \"" +
      LOG_FORMAT + "\" and its sessions. Choose a file saved with \"Download log (JSON)\"." };
  }
  let added = 0;
  let same = 0;
  const kept = [];
  for (const [id, incoming] of Object.entries(data.sessions)) {
    const theirs = migrateRecord(incoming);
    if (!/^[a-z0-9-]+$/.test(id) || !theirs) continue;
    const ours = loadRecord(id);
    for (const [number, week] of Object.entries(theirs.weeks)) {
      const here = ours.weeks[number];
      if (!here || !logged(here)) {
        ours.weeks[number] = week;
        if (logged(week)) added += 1;
      } else if (sameWeek(here, week)) {
        same += 1;
      } else {
        kept.push(`${id} week ${number}`);
      }
    }
    ours.week = Math.max(ours.week, theirs.week);
    saveRecord(id, ours);
  }
  let message = `Imported ${added} week${added === 1 ? "" : "s"}`;
  if (same) message += `; ${same} already here`;
  if (kept.length) {
    message += `; kept this phone's own entries for ${kept.join(", ")}, which differ in the file`;
  }
  return { ok: true, message: message + "." };
}

function setUpLogData(onImport) {
  const status = document.querySelector("[data-lw-log-status]");
  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest("[data-lw-export]");
    if (!button) return;
    const stamp = today();
    if (button.dataset.lwExport === "csv") {
      download(`legwork-log-${stamp}.csv`, "text/csv", logCsv(storedSessions()));
    } else {
      download(`legwork-log-${stamp}.json`, "application/json",
        JSON.stringify(logDocument(), null, 2) + "\n");
    }
  });
  const input = document.querySelector("input[data-lw-import]");
  if (!input) return;
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const result = importLog(await file.text());
    if (status) status.textContent = result.message;
    input.value = "";
    if (result.ok) onImport();
  });
}

function setUpSession() {
  const card = document.querySelector("[data-lw-session]");
  if (!card) return;
  const id = card.dataset.lwSession;
  const rules = readRules();
  let record = loadRecord(id);
  const bar = document.querySelector("[data-lw-week]");
  const panel = document.querySelector("[data-lw-timer]");
  if (bar) bar.hidden = false;
  for (const week of Object.values(record.weeks)) snapshotBlocks(week, rules);
  showWeek(card, record, rules);
  keepAwake(card);
  setUpLogData(() => {
    record = loadRecord(id);
    showWeek(card, record, rules);
  });
  if (panel && record.timer && record.timer.end > Date.now() - 60000) {
    runTimer(panel, record.timer.end, record.timer.label);
  }
  const blockName = (block) => block.querySelector(".lw-block__name a").textContent;
  const startRest = (block, set, prefix = "") => {
    const rest = Number(block.dataset.rest);
    if (!panel || !(rest > 0)) return;
    const label = `${prefix}after ${blockName(block)}, set ${set}`;
    record.timer = { end: startTimer(panel, rest, label), label };
    saveRecord(id, record);
  };
  // A ticked set with its field empty is logged at the top of the range (the placeholder).
  const tick = (box) => {
    const week = thisWeek(record);
    const key = setKey(box);
    snapshotBlocks(week, rules);
    week.ticks[key] = true;
    week.dates[key] = today();
    const field = box.closest("li").querySelector("input[data-reps]");
    if (field && week.reps[key] === undefined) {
      const top = Number(field.placeholder);
      if (Number.isFinite(top)) {
        week.reps[key] = top;
        field.value = String(top);
      }
    }
    saveRecord(id, record);
  };
  card.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    if (input.matches("input[type=checkbox][data-set]")) {
      const week = thisWeek(record);
      if (input.checked) tick(input);
      else delete week.ticks[setKey(input)];
      saveRecord(id, record);
      if (input.checked) startRest(input.closest("[data-block]"), input.dataset.set);
    }
  });
  card.addEventListener("input", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    const week = thisWeek(record);
    const key = input.matches("input[data-load], input[data-reps]") ? setKey(input) : null;
    if (!key) return;
    snapshotBlocks(week, rules);
    const value = input.value.trim();
    if (input.matches("input[data-load]")) {
      if (value) week.loads[key] = value;
      else delete week.loads[key];
    } else if (value && Number.isFinite(Number(value))) {
      week.reps[key] = Number(value);
      week.dates[key] = today();
    } else {
      delete week.reps[key];
    }
    saveRecord(id, record);
  });
  // A timed hold or a counted set that ends: its amount logged, its box ticked, rest begins.
  function logSet(block, set, amount, lead) {
    const box = block.querySelector(`input[type=checkbox][data-set="${set}"]`);
    thisWeek(record).reps[`${block.dataset.block}-${set}`] = amount;
    box.checked = true;
    tick(box);
    startRest(block, set, lead);
  }
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const hold = target && target.closest("[data-lw-hold]");
    if (hold && panel) {
      const block = hold.closest("[data-block]");
      const set = hold.dataset.lwHold;
      const field = block.querySelector(`input[data-reps="${set}"]`);
      const seconds = Number(field && field.value) || Number(hold.dataset.seconds);
      const label = `${blockName(block)}, set ${set}: ${seconds} s`;
      startHold(panel, seconds, label, () => {
        if (field && !field.value) field.value = String(seconds);
        logSet(block, set, seconds, "Hold done · ");
      });
    }
    const counter = target && target.closest("[data-lw-count]");
    if (counter && panel) {
      const block = counter.closest("[data-block]");
      const set = counter.dataset.lwCount;
      const field = block.querySelector(`input[data-reps="${set}"]`);
      const contacts = Number(field && field.value) || Number(counter.dataset.contacts);
      const label = `${blockName(block)}, set ${set}: ${contacts} contacts`;
      startCount(panel, contacts, label, (done) => {
        if (field) field.value = String(done);
        logSet(block, set, done, `${done} contacts · `);
      });
    }
    if (target && target.closest("[data-lw-new-week]")) {
      const now = thisWeek(record);
      const status = document.querySelector("[data-lw-week-status]");
      if (!logged(now)) {
        say(status, `Nothing logged in week ${record.week} yet: tick a set first.`);
        return;
      }
      record.week += 1;
      // Every logged week stays (for the export and the advice); an empty one is dropped.
      for (const [number, week] of Object.entries(record.weeks)) {
        if (!logged(week)) delete record.weeks[number];
      }
      thisWeek(record);
      saveRecord(id, record);
      showWeek(card, record, rules);
      if (panel) stopTimer(panel, id, record);
      const first = card.querySelector("[data-advice]");
      if (first) say(status, `Week ${record.week}: each exercise says whether to move up.`);
    }
    if (target && target.closest("[data-lw-timer-stop]") && panel) stopTimer(panel, id, record);
  });
}

// --- A programme's weeks that move an exercise up: the same judgement, from the log of the
// card the deciding week prints (numbers, ids and the facts from the page's JSON; the card's
// title from an attribute). Shown again when the log changes in another tab or on return.
// One exercise moves up a week (data/coaching.yml): once a move is put off, it is retried
// the week after, and every later move waits a week.

function showProgrammeAdvice(moves) {
  let putOff = null;
  for (const move of document.querySelectorAll("[data-lw-judge]")) {
    const judged = moves[move.dataset.lwJudge];
    const text = move.querySelector("[data-lw-advice-text]");
    if (!judged || !text) continue;
    const week = loadRecord(judged.card).weeks[judged.rule_week];
    const whose = `week ${judged.rule_week} of ${move.dataset.cardTitle}`;
    const when = judged.rule_week === judged.week - 1 ? "last week" : `week ${judged.rule_week}`;
    const repeatWhat = `${when}'s dose, at the ${judged.stage_label.toLowerCase()} stage`;
    text.hidden = false;
    if (putOff) {
      move.dataset.advice = "repeat";
      text.textContent = `Repeat ${repeatWhat}: this move waits a week, because the ` +
        `${putOff.name} move of week ${putOff.week} was put off and is retried first ` +
        "(one exercise moves up a week).";
      continue;
    }
    if (!logged(week)) {
      move.removeAttribute("data-advice");
      text.textContent = `Nothing logged yet for ${whose} on this phone: the rule above decides.`;
      continue;
    }
    const verdict = judgeBlock(judged.facts, week, judged.block, "", repeatWhat);
    move.dataset.advice = verdict.advice;
    text.textContent = `Your log of ${whose}: ${verdict.text}`;
    if (verdict.advice === "repeat") putOff = { name: move.dataset.name, week: judged.week };
  }
}

function setUpProgrammeAdvice() {
  const script = document.querySelector("script[data-lw-moves]");
  if (!script) return;
  let moves;
  try {
    moves = JSON.parse(script.textContent);
  } catch {
    return;
  }
  const show = () => showProgrammeAdvice(moves);
  window.addEventListener("storage", show);
  window.addEventListener("pageshow", show);
  show();
}

// For the tests and for anyone reading the page's log by hand.
window.LegworkSession = { judgeBlock, migrateRecord, logCsv, importLog, splitLoad };

// --- The plan in a calendar: an RFC 5545 file made here, from a start date and the days
// the runner trains; one all-day event per session per week, each linking its card.

function icsText(value) {
  return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
    .replace(/\r?\n/g, "\\n");
}

// Lines longer than 75 octets are folded (RFC 5545, 3.1), never inside a character.
function icsFold(line) {
  const encoder = new TextEncoder();
  const parts = [];
  let current = "";
  for (const char of line) {
    const limit = parts.length ? 74 : 75; // a folded line starts with a space
    if (encoder.encode(current + char).length > limit) {
      parts.push(current);
      current = "";
    }
    current += char;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function icsDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
}

function addDays(date, days) {
  return new Date(date.getTime() + days * 86400000);
}

// Each week runs seven days from the start date plus 7 × (week − 1); its sessions go, in
// order, on the chosen days in the order they fall in that week.
function planEvents(plan, start, days) {
  const events = [];
  for (const week of plan.weeks) {
    const first = addDays(start, 7 * (week.week - 1));
    const training = [];
    for (let offset = 0; offset < 7; offset += 1) {
      const day = addDays(first, offset);
      if (days.includes(day.getUTCDay())) training.push(day);
    }
    week.sessions.forEach((session, index) => {
      events.push({ week, session, index, date: training[index] });
    });
  }
  return events;
}

function planIcs(plan, start, days, base) {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const lines = [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Legwork//Programme calendar//EN",
    "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${icsText(plan.title)}`,
  ];
  const total = plan.weeks.length;
  for (const { week, session, index, date } of planEvents(plan, start, days)) {
    const url = new URL(session.href, base).href;
    const summary = `${session.title}, week ${week.week} of ${total}`;
    const description = `${plan.title}, week ${week.week}: ${week.focus}\n${url}`;
    lines.push(
      "BEGIN:VEVENT",
      `UID:${plan.programme}-${icsDate(start)}-w${week.week}-${index + 1}@legwork`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(date)}`,
      `DTEND;VALUE=DATE:${icsDate(addDays(date, 1))}`,
      `SUMMARY:${icsText(summary)}`,
      `DESCRIPTION:${icsText(description)}`,
      `URL:${url}`,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(icsFold).join("\r\n") + "\r\n";
}

function setUpCalendar() {
  const form = document.querySelector("form[data-lw-calendar]");
  const script = document.querySelector("script[data-lw-plan]");
  if (!form || !script) return;
  let plan;
  try {
    plan = JSON.parse(script.textContent);
  } catch {
    return;
  }
  // The words come from the page's attributes; the JSON holds numbers and ids only.
  plan.title = form.dataset.title || plan.programme;
  const focus = {};
  const titles = {};
  for (const item of form.querySelectorAll("[data-lw-plan-text] li")) {
    if (item.dataset.week) focus[item.dataset.week] = item.dataset.focus;
    if (item.dataset.card) titles[item.dataset.card] = item.dataset.title;
  }
  for (const week of plan.weeks) {
    week.focus = focus[week.week] || "";
    for (const session of week.sessions) session.title = titles[session.card] || session.card;
  }
  form.hidden = false;
  form.addEventListener("submit", (event) => event.preventDefault());
  form.querySelector("[data-lw-ics]").addEventListener("click", () => {
    const status = form.querySelector("[data-lw-calendar-status]");
    const value = form.querySelector("input[data-lw-start]").value;
    const days = [...form.querySelectorAll("input[name=day]:checked")].map((box) => Number(box.value));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      status.textContent = "Pick the first day of week 1.";
      return;
    }
    if (days.length < plan.most) {
      status.textContent = `Pick at least ${plan.most} training days: some weeks have ${plan.most} sessions.`;
      return;
    }
    const start = new Date(`${value}T00:00:00Z`);
    download(`${plan.programme}.ics`, "text/calendar", planIcs(plan, start, days, location.href));
    status.textContent = `Calendar made: ${planEvents(plan, start, days).length} sessions over ${plan.weeks.length} weeks.`;
  });
}

setUpSession();
setUpCalendar();
setUpProgrammeAdvice();
