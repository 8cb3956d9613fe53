// The õppepala page: a counsellor or learner enters what the person can do,
// their circumstances and a goal, and gets the gap and 2–3 paths from the
// service's own API, in Estonian, Russian or English.
//
// Nothing the person enters is stored: not on the server (the API never
// keeps a profile) and not in the browser (only the chosen page language is
// kept in localStorage).
//
// Every word comes from the service's message catalogue
// (crates/core/messages/**/*.ftl), compiled into /app/i18n.js; answers are
// asked for in the page's language, which the service writes them in.
"use strict";

(function () {
  const MESSAGES = window.OPPEPALA_MESSAGES;
  const COUNTIES = window.OPPEPALA_COUNTIES;
  const LANGS = ["et", "ru", "en"];
  const LOCALES = { et: "et-EE", ru: "ru-RU", en: "en-GB" };
  const LANG_KEY = "oppepala.lang";

  const state = {
    lang: "et",
    // Skills the person holds, by URI: {uri, label, level, on, from}.
    held: new Map(),
    quals: [],
    goal: { qualification: null, occupation: null },
    // The last answer: {learner, target, goalTitle, gap, plan}.
    last: null,
    chosen: 0,
    bites: new Map(),
    urls: [],
    // Whether the person has changed the study languages; until then they
    // follow the page language.
    studyTouched: false,
    // Other counties where the person can attend on site (an unlock adds them).
    regions: [],
    // A saved plan opened on the page ({doc, fresh}): each plan made while
    // it is open says what changed since it was saved.
    saved: null,
  };

  const $ = (id) => document.getElementById(id);

  // ---- strings ---------------------------------------------------------

  // A message of the catalogue in `lang`, filled with `vars`. Numbers are
  // written as the language writes them and choose the plural form
  // (Intl.PluralRules: 1 kursus / 2 kursust, 1 курс / 2 курса / 5 курсов).
  function say(lang, key, vars) {
    const table = MESSAGES[lang] || MESSAGES.en;
    const pattern = key in table ? table[key] : MESSAGES.en[key];
    if (pattern === undefined) return key;
    return fill(lang, pattern, vars || {});
  }

  function fill(lang, pattern, vars) {
    if (typeof pattern === "string") return pattern;
    return pattern.map((part) => {
      if (typeof part === "string") return part;
      if (part.v !== undefined) {
        const value = vars[part.v];
        if (value === undefined || value === null) return "{" + part.v + "}";
        return typeof value === "number" ? numberIn(lang, value, 1) : String(value);
      }
      const value = vars[part.s];
      const n = typeof value === "number" ? value : Number(String(value).replace(",", ".").replace(/\s/g, ""));
      let key = part.d;
      if (Number.isFinite(n)) {
        if (String(n) in part.o) key = String(n);
        else {
          const category = new Intl.PluralRules(LOCALES[lang] || "en").select(n);
          if (category in part.o) key = category;
        }
      }
      return fill(lang, part.o[key], vars);
    }).join("");
  }

  function t(key, vars) {
    return say(state.lang, key, vars);
  }

  // A message as nodes: a variable given as an element (or a list of
  // them) is put in as it is, so a name keeps its own `lang` mark.
  function sayNodes(key, vars) {
    const filled = {};
    const nodes = {};
    for (const [name, value] of Object.entries(vars)) {
      if (value instanceof Node || Array.isArray(value)) {
        filled[name] = "\u0001" + name + "\u0001";
        nodes[name] = value;
      } else {
        filled[name] = value;
      }
    }
    const out = [];
    t(key, filled).split("\u0001").forEach((piece, i) => {
      if (i % 2) out.push(...[].concat(nodes[piece]));
      else if (piece) out.push(piece);
    });
    return out;
  }

  function numberIn(lang, n, digits) {
    return Number(n).toLocaleString(LOCALES[lang], { maximumFractionDigits: digits === undefined ? 1 : digits });
  }

  function applyStrings() {
    document.documentElement.lang = state.lang;
    document.title = t("page-page-title");
    document.querySelectorAll("[data-i18n]").forEach((el) => {
      el.textContent = t(el.dataset.i18n);
    });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => {
      el.placeholder = t(el.dataset.i18nPlaceholder);
    });
    document.querySelectorAll("button.lang").forEach((b) => {
      b.setAttribute("aria-pressed", String(b.dataset.lang === state.lang));
    });
    fillCounties();
  }

  function fillCounties() {
    const select = $("county");
    const value = select.value;
    const index = LANGS.indexOf(state.lang) + 1;
    select.replaceChildren(option("", t("page-circ-county-any")));
    COUNTIES.forEach((c) => select.append(option(c[0], c[index])));
    select.value = value;
  }

  function option(value, text) {
    const o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  async function setLang(lang) {
    if (!LANGS.includes(lang)) lang = "et";
    state.lang = lang;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch (e) {
      // A browser that refuses storage still gets the page in this language.
    }
    applyStrings();
    // Bites carry the words for their codes in the language they were asked in.
    state.bites.clear();
    if (!state.studyTouched) followStudyLanguage();
    renderQuals();
    renderHeld();
    await relabel();
    if (state.last) await runPlan();
  }

  function followStudyLanguage() {
    document.querySelectorAll('input[name="study-lang"]').forEach((box) => {
      box.checked = box.value === state.lang;
    });
  }

  // Asks the API for the labels of what is on the page in the new language.
  async function relabel() {
    const jobs = [...state.held.values()].map(async (s) => {
      try {
        const detail = await api("GET", "/v1/skills/" + encodeURIComponent(s.uri) + "?lang=" + state.lang);
        s.label = detail.label;
        s.labelLang = detail.label_lang;
      } catch (e) {
        // Keep the old label.
      }
    });
    const occ = state.goal.occupation;
    if (occ) {
      jobs.push(
        api("GET", "/v1/occupations/" + encodeURIComponent(occ.uri) + "?lang=" + state.lang)
          .then((d) => { occ.label = d.label; occ.labelLang = d.label_lang; showGoalOccupation(); })
          .catch(() => {})
      );
    }
    await Promise.all(jobs);
    renderHeld();
  }

  // ---- formatting -------------------------------------------------------

  function parseDay(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  }

  function day(text) {
    const d = parseDay(text);
    return d ? d.toLocaleDateString(LOCALES[state.lang], { day: "numeric", month: "short", year: "numeric" }) : text || "";
  }

  function number(n, digits) {
    return numberIn(state.lang, n, digits);
  }

  // A day (YYYY-MM-DD) or a month (YYYY-MM) as the page's language writes it.
  function dayOrMonth(text) {
    const m = /^(\d{4})-(\d{2})$/.exec(text || "");
    if (!m) return day(text);
    return new Date(Number(m[1]), Number(m[2]) - 1, 1).toLocaleDateString(LOCALES[state.lang], { month: "long", year: "numeric" });
  }

  // Marks a text that is not in the page's language (a label the data have
  // only in English): the element gets its `lang`, as screen readers and
  // the browser tests need.
  function langOf(textLang) {
    return textLang && textLang !== state.lang ? textLang : null;
  }

  function money(n) {
    if (!n) return t("page-step-free");
    return Number(n).toLocaleString(LOCALES[state.lang], { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  }

  // The language titleOf takes a text in (the page's, else the first
  // fallback that has one).
  function langOfText(localized) {
    if (!localized) return null;
    return [state.lang, "en", "et", "ru"].find((l) => localized[l]) || Object.keys(localized)[0] || null;
  }

  // A localized text as an element, marked with its language when it is
  // not the page's.
  function localizedSpan(localized, attrs) {
    return el("span", { ...(attrs || {}), lang: langOf(langOfText(localized)), text: titleOf(localized) });
  }

  function titleOf(localized) {
    if (!localized) return "";
    return localized[state.lang] || localized.en || localized.et || Object.values(localized)[0] || "";
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) {
      if (c !== null && c !== undefined) node.append(c);
    }
    return node;
  }

  // ---- the API ------------------------------------------------------------

  class Problem extends Error {
    constructor(status, body) {
      super((body && body.detail) || "HTTP " + status);
      this.status = status;
      this.body = body || {};
    }
  }

  async function api(method, path, body) {
    let response;
    try {
      response = await fetch(path, {
        method,
        // Problem documents come in the page's language.
        headers: body
          ? { "content-type": "application/json", accept: "application/json", "accept-language": state.lang }
          : { accept: "application/json", "accept-language": state.lang },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (e) {
      throw new Problem(0, { code: "network" });
    }
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    if (!response.ok) throw new Problem(response.status, data);
    return data;
  }

  // A problem document in plain words.
  function explainProblem(problem) {
    const body = problem.body || {};
    const code = body.code || "";
    if (code === "network") return [t("page-error-network")];
    if (code === "overloaded" || code === "timeout") return [t("page-error-overloaded")];
    if (code === "unknown_ids") return [t("page-error-unknown", { list: (body.unknown || []).join(", ") })];
    if (code === "invalid_request" && Array.isArray(body.errors)) {
      // The field as the person sees it on the page; the technical cause
      // (in English) only on the English page.
      return [t("page-error-invalid"), ...body.errors.map((e) => (state.lang === "en" ? fieldName(e.field) + ": " + e.message : fieldName(e.field)))];
    }
    return [t("page-error-generic", { detail: body.detail || problem.message })];
  }

  // The field a problem names, as the label the person sees on the page.
  function fieldName(field) {
    const fields = {
      "learner.constraints.max_hours_per_week": "page-circ-hours",
      "learner.constraints.budget_eur": "page-circ-budget",
      "learner.constraints.start_after": "page-circ-start",
      "learner.constraints.finish_by": "page-circ-finish",
      "learner.constraints.funding": "page-circ-funding",
      "learner.constraints.modes": "page-circ-modes",
      "learner.languages": "page-circ-languages",
      "learner.region": "page-circ-county",
    };
    if (fields[field]) return t(fields[field]);
    if (/^learner\.competences\[\d+\]/.test(field)) return t("page-skills-list");
    return field;
  }

  function showProblem(target, problem) {
    target.replaceChildren();
    explainProblem(problem).forEach((line) => target.append(el("p", { text: line })));
    if (problem.body && problem.body.request_id) {
      target.append(el("p", { class: "hint", text: t("page-error-requestid", { id: problem.body.request_id }) }));
    }
    target.hidden = false;
  }

  // ---- suggestions (a combobox: type, arrows, Enter, Escape) --------------

  function combobox(input, list, fetchItems, onPick) {
    let items = [];
    let active = -1;
    let timer = null;
    let sequence = 0;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      items = [];
      active = -1;
    }

    function highlight(index) {
      active = index;
      [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
      if (index >= 0 && list.children[index]) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(index) {
      const item = items[index];
      if (!item) return;
      close();
      input.value = "";
      onPick(item);
    }

    function show(found) {
      items = found;
      list.replaceChildren();
      if (!found.length) {
        list.append(el("li", { class: "none", role: "option", "aria-disabled": "true", text: t("page-suggest-none") }));
      }
      found.forEach((item, i) => {
        const li = el("li", { id: list.id + "-" + i, role: "option", "aria-selected": "false" }, el("span", { lang: item.lang, text: item.label }));
        if (item.sub) li.append(el("small", { text: item.sub }));
        li.addEventListener("mousedown", (e) => e.preventDefault());
        li.addEventListener("click", () => pick(i));
        list.append(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      $("suggest-status").textContent = found.length ? t("page-suggest-count", { n: found.length }) : t("page-suggest-none");
      active = -1;
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) {
        close();
        return;
      }
      timer = setTimeout(async () => {
        const mine = ++sequence;
        try {
          const found = await fetchItems(q);
          if (mine === sequence && input.value.trim() === q) show(found);
        } catch (e) {
          if (mine === sequence) show([]);
        }
      }, 180);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" && items.length) {
        e.preventDefault();
        highlight((active + 1) % items.length);
      } else if (e.key === "ArrowUp" && items.length) {
        e.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (e.key === "Enter") {
        if (active >= 0) {
          e.preventDefault();
          pick(active);
        }
      } else if (e.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  async function suggestSkills(q) {
    const data = await api("GET", "/v1/skills?limit=8&lang=" + state.lang + "&q=" + encodeURIComponent(q));
    const seen = new Set();
    return (data.items || [])
      .filter((s) => !seen.has(s.uri) && seen.add(s.uri))
      .map((s) => ({ id: s.uri, label: s.label, lang: langOf(s.lang), sub: s.lang !== state.lang ? "(" + t("page-lang-" + s.lang) + ")" : "" }));
  }

  async function suggestOccupations(q) {
    const data = await api("GET", "/v1/occupations?per_page=8&lang=" + state.lang + "&q=" + encodeURIComponent(q));
    return (data.items || []).map((o) => ({ id: o.uri, label: o.label, lang: langOf(o.label_lang), sub: o.isco_group_label || "" }));
  }

  // ---- step 1: held skills ------------------------------------------------

  async function addSkill(item) {
    if (!state.held.has(item.id)) {
      state.held.set(item.id, { uri: item.id, label: item.label, labelLang: item.lang || state.lang, level: 1, on: true, from: null });
    } else {
      state.held.get(item.id).on = true;
    }
    renderHeld();
    // The suggestion may have matched a label in another language.
    try {
      const detail = await api("GET", "/v1/skills/" + encodeURIComponent(item.id) + "?lang=" + state.lang);
      const s = state.held.get(item.id);
      if (s) {
        s.label = detail.label;
        s.labelLang = detail.label_lang;
      }
      renderHeld();
    } catch (e) {
      // Keep the label of the suggestion.
    }
  }

  async function addOccupation(item) {
    try {
      const detail = await api("GET", "/v1/occupations/" + encodeURIComponent(item.id) + "?lang=" + state.lang);
      let added = 0;
      (detail.essential_skills || []).forEach((s) => {
        if (!state.held.has(s.uri)) {
          state.held.set(s.uri, { uri: s.uri, label: s.label, labelLang: s.label_lang, level: 1, on: true, from: detail.label, fromLang: detail.label_lang });
          added += 1;
        }
      });
      renderHeld();
      $("suggest-status").replaceChildren(...sayNodes("page-occupation-added", { n: added, name: el("span", { lang: langOf(detail.label_lang), text: detail.label }) }));
    } catch (e) {
      $("suggest-status").textContent = explainProblem(e).join(" ");
    }
  }

  function renderHeld() {
    const list = $("held");
    list.replaceChildren();
    $("held-empty").hidden = state.held.size > 0;
    let i = 0;
    for (const s of state.held.values()) {
      i += 1;
      const id = "held-" + i;
      const box = el("input", { type: "checkbox", id, checked: s.on, "aria-label": t("page-skills-keep", { name: s.label }) });
      box.addEventListener("change", () => {
        s.on = box.checked;
        li.classList.toggle("off", !s.on);
      });
      const level = el("select", { "aria-label": t("page-skills-level", { name: s.label }) });
      [1, 2, 3, 4].forEach((n) => level.append(option(String(n), t("page-level-" + n))));
      level.value = String(s.level);
      level.addEventListener("change", () => { s.level = Number(level.value); });
      const remove = el("button", { type: "button", class: "link", text: "✕", "aria-label": t("page-skills-remove", { name: s.label }), title: t("page-skills-remove", { name: s.label }) });
      remove.addEventListener("click", () => {
        state.held.delete(s.uri);
        renderHeld();
        $("skill-q").focus();
      });
      const name = el("label", { class: "name", for: id }, box, el("span", { lang: langOf(s.labelLang), text: s.label }));
      if (s.from) name.append(el("span", { class: "from" }, "(" + t("page-skills-from", { name: "" }), el("span", { lang: langOf(s.fromLang), text: s.from }), ")"));
      const li = el("li", { class: s.on ? "" : "off", "data-uri": s.uri }, name, level, remove);
      list.append(li);
    }
  }

  // ---- step 3: the goal ----------------------------------------------------

  function goalKind() {
    return document.querySelector('input[name="goal-kind"]:checked').value;
  }

  function showGoalPane() {
    const kind = goalKind();
    $("goal-qualification").hidden = kind !== "qualification";
    $("goal-occupation").hidden = kind !== "occupation";
    $("goal-next").hidden = kind !== "next";
    $("plan-go").hidden = kind === "next";
  }

  async function loadQuals() {
    try {
      const data = await api("GET", "/v1/qualifications");
      state.quals = data.items || [];
    } catch (e) {
      showProblem($("problem"), e);
      $("results").hidden = false;
    }
    renderQuals();
  }

  function renderQuals() {
    const list = $("quals");
    const q = $("qual-q").value.trim().toLowerCase();
    list.replaceChildren();
    const shown = state.quals.filter((m) => {
      if (!q) return true;
      const text = [m.id, m.awarding_body, ...Object.values(m.title || {})].join(" ").toLowerCase();
      return text.includes(q);
    });
    if (!shown.length) list.append(el("li", { class: "hint", text: t("page-qual-none") }));
    shown.forEach((m) => {
      const radio = el("input", { type: "radio", name: "qual", value: m.id, checked: state.goal.qualification === m.id });
      radio.addEventListener("change", () => { state.goal.qualification = m.id; });
      const meta = t("page-qual-meta", { eqf: m.eqf_level, ects: number(m.min_ects), body: m.awarding_body });
      list.append(el("li", {}, el("label", {}, radio, el("span", {}, localizedSpan(m.title), el("span", { class: "meta", text: meta })))));
    });
  }

  function showGoalOccupation() {
    const occ = state.goal.occupation;
    const chosen = $("goal-occ-chosen");
    chosen.replaceChildren();
    if (occ) chosen.append("✓ ", el("span", { lang: langOf(occ.labelLang), text: occ.label }));
  }

  function currentTarget() {
    const kind = goalKind();
    if (kind === "qualification" && state.goal.qualification) {
      const m = state.quals.find((q) => q.id === state.goal.qualification);
      return { target: { qualification: state.goal.qualification }, title: m ? titleOf(m.title) : state.goal.qualification };
    }
    if (kind === "occupation" && state.goal.occupation) {
      return { target: { occupation: state.goal.occupation.uri }, title: state.goal.occupation.label, titleLang: state.goal.occupation.labelLang };
    }
    return null;
  }

  // ---- step 2: the learner profile -------------------------------------------

  function checked(name) {
    return [...document.querySelectorAll('input[name="' + name + '"]:checked')].map((i) => i.value);
  }

  function numberOrNull(id) {
    const v = $(id).value.trim();
    if (v === "") return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }

  function learner() {
    const modes = checked("mode");
    return {
      competences: [...state.held.values()].filter((s) => s.on).map((s) => ({ skill: s.uri, level: s.level })),
      languages: checked("study-lang"),
      spoken_languages: [...document.querySelectorAll("select.cefr")]
        .filter((select) => select.value)
        .map((select) => ({ language: select.dataset.lang, level: select.value })),
      education: $("education").value === "" ? null : Number($("education").value),
      region: $("county").value || null,
      constraints: {
        max_hours_per_week: numberOrNull("hours"),
        budget_eur: numberOrNull("budget"),
        modes: modes.length === 3 ? [] : modes,
        start_after: $("start").value || null,
        finish_by: $("finish").value || null,
        funding: checked("funding"),
        regions: state.regions.slice(),
      },
    };
  }

  // ---- step 4: gap and paths ---------------------------------------------

  async function runPlan() {
    const status = $("plan-status");
    const goal = currentTarget();
    if (!goal) {
      status.textContent = t("page-plan-needgoal");
      return;
    }
    if (!checked("study-lang").length) {
      status.textContent = t("page-plan-needlang");
      return;
    }
    const profile = learner();
    const button = $("plan-go");
    button.disabled = true;
    status.textContent = t("page-busy");
    $("problem").hidden = true;
    try {
      const [gapAnswer, planAnswer] = await Promise.allSettled([
        api("POST", "/v1/gap", { learner: profile, target: goal.target, lang: state.lang }),
        api("POST", "/v1/paths", { learner: profile, target: goal.target, k: 3, lang: state.lang }),
      ]);
      if (gapAnswer.status === "rejected") throw gapAnswer.reason;
      const gap = gapAnswer.value;
      // When the service finds no path (e.g. none within the budget), the
      // gap is still worth showing, with the reason there is no path.
      const planProblem = planAnswer.status === "rejected" ? planAnswer.reason : null;
      const plan = planProblem ? { gap: gap.items, uncoverable: [], paths: [] } : planAnswer.value;
      const ids = new Set();
      plan.paths.forEach((p) => p.steps.forEach((s) => ids.add(s.bite)));
      (gap.open_modules || []).forEach((m) => (m.of || (m.bite ? [m.bite] : [])).forEach((b) => ids.add(b)));
      await Promise.all([...ids].map(loadBite));
      // The skills as they were planned with (names, ticked or not), for a saved plan.
      const skills = [...state.held.values()].map((s) => ({
        uri: s.uri, label: s.label, label_lang: s.labelLang || null, level: s.level, on: s.on, from: s.from || null, from_lang: s.fromLang || null,
      }));
      state.last = { learner: profile, skills, target: goal.target, goalTitle: goal.title, goalTitleLang: goal.titleLang || null, gap, plan };
      state.chosen = Math.min(state.chosen, Math.max(plan.paths.length - 1, 0));
      renderResults();
      if (planProblem) showProblem($("problem"), planProblem);
      await showChanges();
      status.textContent = "";
    } catch (e) {
      state.last = null;
      $("results").hidden = false;
      $("take").hidden = true;
      $("gap").replaceChildren();
      $("uncoverable").replaceChildren();
      $("paths").replaceChildren();
      showProblem($("problem"), e);
      await showChanges();
      status.textContent = "";
    } finally {
      button.disabled = false;
    }
    $("results-title").focus();
  }

  async function loadBite(id) {
    if (state.bites.has(id)) return state.bites.get(id);
    try {
      const bite = await api("GET", "/v1/bites/" + encodeURIComponent(id) + "?lang=" + state.lang);
      state.bites.set(id, bite);
      return bite;
    } catch (e) {
      return null;
    }
  }

  function biteTitle(id) {
    const b = state.bites.get(id);
    return b ? titleOf(b.title) : id;
  }

  // A demand figure: a bar for how it compares with the most wanted in the
  // county, and beside it the service's own words (in the page's language):
  // what is counted, where, in which months, the likely range, when the
  // data end, whether they are old or illustrative; then the source, linked
  // to its entry in the data sources. Without a figure, the reason.
  function demandCell(demand, missing) {
    if (demand === null || demand === undefined || typeof demand !== "object") {
      const reason = missing && missing.text ? missing.text : t("page-demand-none");
      return el("span", { class: "hint demand-missing", text: reason });
    }
    const score = Number(demand.score);
    const word = score >= 0.66 ? "page-demand-high" : score >= 0.33 ? "page-demand-medium" : "page-demand-low";
    // The bar's width is set through the CSS object model: the content
    // security policy refuses inline style attributes.
    const fill = el("span");
    fill.style.width = Math.round(Math.max(0, Math.min(1, Number.isFinite(score) ? score : 0)) * 100) + "%";
    const meter = el("span", { class: "meter", "aria-hidden": "true" }, fill);
    const cell = el("span", { class: demand.stale ? "demand stale" : "demand" }, meter, t(word));
    if (demand.text) cell.append(el("span", { class: "demand-note", text: demand.text }));
    if (demand.source) {
      const link = el("a", { href: "/app/sources.md", text: demand.source });
      cell.append(el("span", { class: "demand-note" }, t("page-demand-source") + ": ", link));
    }
    return cell;
  }

  // A bite's title as an element, marked when not in the page's language.
  function biteTitleNode(id) {
    const b = state.bites.get(id);
    return b ? localizedSpan(b.title) : document.createTextNode(id);
  }

  function joinNodes(nodes, separator) {
    return nodes.flatMap((node, i) => (i ? [separator, node] : [node]));
  }

  // A module rule as elements: bite titles keep their language mark.
  function moduleNodes(m) {
    if (m.rule === "all_of") return sayNodes("page-module-all-of", { bite: biteTitleNode(m.bite) });
    if (m.rule === "n_of") return sayNodes("page-module-n-of", { n: m.n, of: joinNodes(m.of.map(biteTitleNode), ", ") });
    return [moduleText(m)];
  }

  function moduleText(m) {
    if (m.rule === "all_of") return t("page-module-all-of", { bite: biteTitle(m.bite) });
    if (m.rule === "n_of") return t("page-module-n-of", { n: m.n, of: m.of.map(biteTitle).join(", ") });
    if (m.rule === "min_ects") return t("page-module-min-ects", { ects: number(m.min_ects) });
    return JSON.stringify(m);
  }

  // Who takes a bite free (a funding tag), in words; an unknown tag as is.
  function fundingName(tag) {
    const key = "enum-funding-" + tag;
    const text = t(key);
    return text === key ? tag : text;
  }

  function modeWord(mode) {
    return t("page-mode-" + mode);
  }

  function renderResults() {
    const { gap, plan, goalTitle } = state.last;
    $("results").hidden = false;
    $("take").hidden = !plan.paths.length;

    // The heading of the printed plan.
    const head = $("print-head");
    head.replaceChildren(
      el("h2", { text: t("page-print-heading") + ": " + goalTitle }),
      el("p", { text: t("page-print-made", { date: day(new Date().toISOString().slice(0, 10)) }) })
    );
    const held = [...state.held.values()].filter((s) => s.on);
    if (held.length) {
      head.append(el("p", {}, el("strong", { text: t("page-print-skills") + ": " }), ...joinNodes(held.map((s) => el("span", {}, ...sayNodes("page-why-level", { name: el("span", { lang: langOf(s.labelLang), text: s.label }), level: s.level }))), ", ")));
    }
    head.append(el("p", {}, el("strong", { text: t("page-print-circ") + ": " }), circumstancesText()));

    // The gap.
    const gapBox = $("gap");
    gapBox.replaceChildren(el("h3", { text: t("page-gap-title") }));
    const items = gap.items || [];
    const modules = gap.open_modules || [];
    if (!items.length) {
      gapBox.append(el("p", { text: t(modules.length ? "page-gap-onlymodules" : "page-gap-none") }));
    } else {
      const table = el("table", { class: "gap" });
      table.append(el("thead", {}, el("tr", {},
        el("th", { scope: "col", text: t("page-gap-skill") }),
        el("th", { scope: "col", text: t("page-gap-have") }),
        el("th", { scope: "col", text: t("page-gap-need") }),
        el("th", { scope: "col", text: t("page-gap-demand") }))));
      const body = el("tbody");
      items.forEach((g) => {
        body.append(el("tr", {},
          el("th", { scope: "row", lang: langOf(g.label_lang), text: g.label }),
          el("td", { "data-label": t("page-gap-have"), text: g.held_level ? t("page-level-" + g.held_level) : "–" }),
          el("td", { "data-label": t("page-gap-need"), text: t("page-level-" + g.required_level) }),
          el("td", { "data-label": t("page-gap-demand") }, demandCell(g.demand, g.demand_missing))));
      });
      table.append(body);
      gapBox.append(table);
    }
    if (modules.length) {
      gapBox.append(el("p", {}, el("strong", { text: t("page-gap-modules") + ": " }), ...joinNodes(modules.map((m) => el("span", {}, ...moduleNodes(m))), "; ")));
    }

    // What cannot be reached.
    const unBox = $("uncoverable");
    unBox.replaceChildren();
    const uncoverable = plan.uncoverable || [];
    if (uncoverable.length) {
      const list = el("ul");
      uncoverable.forEach((u) => {
        let what = [t("page-uncover-module")];
        if (u.skill) {
          const item = items.find((g) => g.skill === u.skill);
          what = [item ? el("span", { lang: langOf(item.label_lang), text: item.label }) : u.skill];
        } else if (u.module) {
          what = moduleNodes(u.module);
        }
        const li = el("li", {}, el("strong", {}, ...what), ": " + u.reason);
        if ((u.unlocks || []).length) {
          const buttons = el("div", { class: "unlocks" }, el("span", { text: t("page-unlock-title") + " " }));
          u.unlocks.forEach((unlock) => {
            const sign = (n) => (n < 0 ? "−" : "+");
            const adds = t("page-unlock-adds", {
              items: unlock.adds_items,
              hours: sign(unlock.adds_hours) + number(Math.abs(unlock.adds_hours), 1),
              cost: unlock.adds_cost_eur === 0 ? t("page-unlock-samecost") : sign(unlock.adds_cost_eur) + money(Math.abs(unlock.adds_cost_eur)),
            });
            buttons.append(
              el("button", { type: "button", class: "unlock", title: adds, onclick: () => applyUnlock(unlock) }, unlock.text + " (" + adds + ")"),
            );
          });
          li.append(buttons);
        }
        list.append(li);
      });
      unBox.append(el("div", { class: "warn", role: "note" }, el("strong", { text: t("page-uncover-title") }), list));
    }

    // The paths.
    const box = $("paths");
    box.replaceChildren();
    box.className = "paths";
    // The planner says in the page's language what kind of answer this is
    // (complete, the most within the limits, nothing reachable).
    box.append(el("p", { class: "plan-summary", text: plan.summary || (plan.paths.length ? "" : t("page-paths-none")) }));
    const left = plan.left || [];
    if (left.length) {
      const list = el("ul");
      left.forEach((l) => {
        let what = t("page-uncover-module");
        if (l.skill) {
          const item = items.find((g) => g.skill === l.skill);
          what = item ? item.label : l.skill;
        } else if (l.module) {
          what = moduleText(l.module);
        }
        list.append(el("li", {}, el("strong", { text: what }), ": " + l.reason));
      });
      box.append(el("div", { class: "warn left", role: "note" }, el("strong", { text: t("page-left-title") }), list));
    }
    renderCompare(plan.paths);
    plan.paths.forEach((p, i) => box.append(renderPath(p, i)));
    renderHandover();
    updateDownloads();
  }

  // The paths side by side: hours, cost, finish, items met, languages,
  // where and how, and the courses.
  function renderCompare(paths) {
    const box = $("compare");
    box.replaceChildren();
    if (paths.length < 2) return;
    const bitesOf = (p) => p.steps.map((s) => state.bites.get(s.bite)).filter(Boolean);
    const rows = [
      ["page-compare-hours", (p) => t("page-step-hours", { hours: number(p.total_hours) })],
      ["page-compare-cost", (p) => money(p.total_cost_eur)],
      ["page-compare-finish", (p) => day(p.finish)],
      ["page-compare-meets", (p) => {
        if (!p.meets) return "–";
        const parts = [t("page-compare-meets-skills", { met: p.meets.skills.met, of: p.meets.skills.of })];
        if (p.meets.modules.of) parts.push(t("page-compare-meets-modules", { met: p.meets.modules.met, of: p.meets.modules.of }));
        return parts.join("; ");
      }],
      // The languages the person studies in that the path's courses are taught in.
      ["page-compare-languages", (p) => {
        const studies = state.last.learner.languages;
        const langs = [...new Set(bitesOf(p).flatMap((b) => (b.languages || []).filter((x) => studies.includes(x))))];
        return langs.map((x) => t("page-lang-" + x)).join(", ") || "–";
      }],
      ["page-compare-where", (p) => [...new Set(bitesOf(p).map(whereText))].join("; ") || "–"],
      ["page-compare-courses", (p) => el("ol", {}, ...p.steps.map((s) => el("li", { lang: langOf(s.title_lang), text: s.title })))],
    ];
    const table = el("table", { class: "compare" });
    table.append(el("caption", { text: t("page-compare-title") }));
    table.append(el("thead", {}, el("tr", {},
      el("td"),
      ...paths.map((p, i) => el("th", { scope: "col", class: i === state.chosen ? "chosen-col" : null },
        t("page-path-n", { n: i + 1 }) + (i === state.chosen ? " ✓ " + t("page-path-chosen") : ""),
        el("span", { class: "meta", text: p.label }))))));
    const body = el("tbody");
    rows.forEach(([key, cell]) => {
      body.append(el("tr", {}, el("th", { scope: "row", text: t(key) }), ...paths.map((p) => el("td", {}, cell(p)))));
    });
    table.append(body);
    box.append(table);
  }

  // Where and how a bite is taught: "online", or the mode and county.
  function whereText(bite) {
    if (!bite.region) return modeWord(bite.mode);
    return countyName(bite.region) + ": " + modeWord(bite.mode);
  }

  function countyName(code) {
    const county = COUNTIES.find((x) => x[0] === code);
    return county ? county[LANGS.indexOf(state.lang) + 1] : code;
  }

  // An unlock's changes, made on the form, and the plan made again.
  function applyUnlock(unlock) {
    for (const change of unlock.changes) {
      if (change.change === "add_mode") {
        const box = document.querySelector('input[name="mode"][value="' + change.mode + '"]');
        if (box) box.checked = true;
      } else if (change.change === "add_region") {
        if (!state.regions.includes(change.region)) state.regions.push(change.region);
        renderRegions();
      } else if (change.change === "add_language") {
        const box = document.querySelector('input[name="study-lang"][value="' + change.language + '"]');
        if (box) {
          box.checked = true;
          state.studyTouched = true;
        }
      } else if (change.change === "raise_budget") {
        $("budget").value = String(change.budget_eur);
      } else if (change.change === "finish_later") {
        $("finish").value = change.finish_by;
      } else if (change.change === "hold_skill") {
        const held = state.held.get(change.skill);
        if (held) {
          held.on = true;
          held.level = Math.max(held.level, change.level);
        } else {
          state.held.set(change.skill, { uri: change.skill, label: change.skill, level: change.level, on: true, from: null });
          addSkill({ id: change.skill, label: change.skill }).then(() => {
            state.held.get(change.skill).level = change.level;
            renderHeld();
          });
        }
        renderHeld();
      }
    }
    runPlan();
  }

  // The other counties the person attends, with a way to drop them.
  function renderRegions() {
    const box = $("also-counties");
    box.replaceChildren();
    box.hidden = !state.regions.length;
    if (!state.regions.length) return;
    const names = state.regions.map((code) => {
      const county = COUNTIES.find((x) => x[0] === code);
      return county ? county[LANGS.indexOf(state.lang) + 1] : code;
    });
    box.append(
      t("page-circ-alsocounties") + ": " + names.join(", ") + " ",
      el("button", { type: "button", class: "link", onclick: () => { state.regions = []; renderRegions(); } }, t("page-circ-alsoclear")),
    );
  }

  function circumstancesText() {
    const l = state.last.learner;
    const c = l.constraints;
    const parts = [];
    parts.push(l.languages.map((x) => t("page-lang-" + x)).join(", "));
    if (l.region) {
      const county = COUNTIES.find((x) => x[0] === l.region);
      parts.push(county ? county[LANGS.indexOf(state.lang) + 1] : l.region);
    }
    if (c.max_hours_per_week) parts.push(t("page-circ-hours") + ": " + c.max_hours_per_week);
    if (c.budget_eur !== null) parts.push(t("page-circ-budget").replace(/\s*\(.*\)$/, "") + ": " + money(c.budget_eur));
    parts.push((c.modes.length ? c.modes : ["online", "onsite", "blended"]).map(modeWord).join(", "));
    if (c.funding.length) parts.push(c.funding.map((f) => t("page-funding-" + f)).join(", "));
    if (c.start_after) parts.push(t("page-circ-start") + ": " + day(c.start_after));
    if (c.finish_by) parts.push(t("page-circ-finish").replace(/\s*\(.*\)$/, "") + ": " + day(c.finish_by));
    return parts.join(" · ");
  }

  function renderPath(p, i) {
    const chosen = i === state.chosen;
    const card = el("article", { class: "path" + (chosen ? " chosen-path" : ""), "aria-labelledby": "path-h-" + i, "data-path": String(i) });
    card.append(el("h4", { id: "path-h-" + i, text: t("page-path-n", { n: i + 1 }) + ": " + p.label }));
    card.append(el("p", { class: "summary", text: t("page-path-summary", {
      steps: p.steps.length, hours: number(p.total_hours), cost: money(p.total_cost_eur),
      ects: number(p.total_ects), finish: day(p.finish), weeks: p.total_weeks,
    }) }));
    if (p.meets) {
      const counts = {
        skills: p.meets.skills.met, skillsOf: p.meets.skills.of, modules: p.meets.modules.met, modulesOf: p.meets.modules.of,
      };
      // Only the counts there are: no "0 of 0 missing skills".
      const meets = p.meets.skills.of === 0 ? t("page-path-meets-modules", counts)
        : p.meets.modules.of === 0 ? t("page-path-meets-skills", counts) : t("page-path-meets", counts);
      card.append(el("p", { class: "meets", text: meets }));
    }
    // A path that is not the whole way (the most within the limits, module
    // rules or credits only) is never called the best.
    const whole = !(p.kinds || []).some((k) => k === "partial" || k === "modules-only" || k === "credit-minimum");
    if (whole) {
      let proof = t("page-path-alternative");
      if (p.optimal) proof = t("page-path-optimal");
      else if (i === 0) proof = t("page-path-bound", { bound: t("page-step-hours", { hours: number(p.lower_bound_hours) }) });
      card.append(el("p", { class: "proof", text: proof }));
    }
    if (!p.steps.length) card.append(el("p", { text: t("page-path-empty") }));
    const list = el("ol", { class: "timeline" });
    p.steps.forEach((s) => {
      const bite = state.bites.get(s.bite);
      const open = el("button", { type: "button", class: "link step-title", "data-bite": s.bite, lang: langOf(s.title_lang), text: s.title });
      open.addEventListener("click", () => openBite(s.bite, open));
      const facts = [t("page-step-hours", { hours: number(s.hours) }), money(s.cost_eur), number(s.ects) + " " + t("page-bite-ects")];
      if (bite) {
        facts.push(modeWord(bite.mode));
        facts.push(bite.provider);
      }
      const li = el("li", {},
        el("span", { class: "when", text: t("page-step-dates", { start: day(s.start), end: day(s.end) }) + (s.session ? "" : " (" + t("page-step-nosession") + ")") }),
        el("div", {}, open),
        el("span", { class: "facts", text: facts.join(" · ") }));
      if (bite && bite.funding && bite.funding.length) {
        li.append(el("span", { class: "why", text: t("page-step-funding", { list: bite.funding.map(fundingName).join(", ") }) }));
      }
      if (s.why) li.append(el("span", { class: "why", text: t("page-step-why", { why: s.why }) }));
      if (s.calendar_note) li.append(el("span", { class: "note", text: t("page-step-note", { note: s.calendar_note }) }));
      // How to enrol, in the printed plan (the course's dialog has it on screen).
      if (bite) {
        const rows = enrolRows(bite, s);
        if (rows.length) {
          const enrol = el("dl", { class: "enrol print-only" });
          rows.forEach(([key, value]) => enrol.append(el("dt", { text: t(key) }), el("dd", {}, value)));
          li.append(enrol);
        }
      }
      list.append(li);
    });
    card.append(list);
    const radio = el("input", { type: "radio", name: "chosen-path", value: String(i), checked: chosen, id: "pick-" + i });
    radio.addEventListener("change", () => {
      state.chosen = i;
      document.querySelectorAll(".path").forEach((c) => c.classList.toggle("chosen-path", c.dataset.path === String(i)));
      renderCompare(state.last.plan.paths);
      updateDownloads();
    });
    card.append(el("label", { class: "check pick", for: "pick-" + i }, radio, el("span", { text: t("page-path-choose") })));
    return card;
  }

  // ---- bite details -----------------------------------------------------

  // An http(s) address as the browser reads it; anything else (javascript:,
  // data:, a typing error) is not made a link.
  function webUrl(text) {
    if (!text) return null;
    try {
      const url = new URL(text);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // The step of the chosen path that takes bite `id`, if any.
  function chosenStep(id) {
    const last = state.last;
    if (!last || !last.plan.paths.length) return null;
    const path = last.plan.paths[state.chosen] || last.plan.paths[0];
    return path.steps.find((s) => s.bite === id) || null;
  }

  // The run to enrol in: the one the path's step takes (the session that
  // starts that day), else the next whose registration is still open.
  function enrolRun(bite, step) {
    const sessions = bite.sessions || [];
    if (step && step.session) {
      const run = sessions.find((s) => s.start === step.start);
      if (run) return run;
    }
    const today = new Date().toISOString().slice(0, 10);
    return sessions.find((s) => (s.registration_deadline || s.start) >= today) || null;
  }

  // How to enrol in a bite, as [label id, value] rows: where to register
  // (http/https only), the run's registration deadline and places, and
  // the provider's e-mail (mailto:), phone (tel:) and address.
  function enrolRows(bite, step) {
    const rows = [];
    const register = webUrl(bite.registration_url);
    if (register) rows.push(["page-enrol-register", el("a", { href: register, rel: "noopener noreferrer", target: "_blank", class: "bare", text: register })]);
    const run = enrolRun(bite, step);
    if (run) {
      if (run.registration_deadline) {
        rows.push(["page-enrol-deadline", t("page-enrol-deadline-run", { date: day(run.registration_deadline), start: day(run.start) })]);
      }
      const seats = run.seats === undefined || run.seats === null ? t("page-enrol-seats-open") : t("page-enrol-seats-n", { n: run.seats });
      rows.push(["page-enrol-seats", seats]);
    }
    const contact = bite.contact || {};
    const ways = [];
    if (contact.email && /^[^\s@:/]+@[^\s@:/]+$/.test(contact.email)) {
      ways.push(el("a", { href: "mailto:" + contact.email, class: "bare", text: contact.email }));
    }
    if (contact.phone && /\d/.test(contact.phone)) {
      ways.push(el("a", { href: "tel:" + contact.phone.replace(/[^\d+]/g, ""), class: "bare", text: contact.phone }));
    }
    if (contact.address) ways.push(el("span", { text: contact.address }));
    if (ways.length) rows.push(["page-enrol-contact", el("span", {}, ...joinNodes(ways, " · "))]);
    return rows;
  }

  async function openBite(id, opener) {
    const bite = await loadBite(id);
    const dialog = $("bite");
    const body = $("bite-body");
    body.replaceChildren();
    if (!bite) {
      $("bite-title").textContent = id;
      body.append(el("p", { class: "problem", text: t("page-error-generic", { detail: id }) }));
    } else {
      $("bite-title").textContent = titleOf(bite.title);
      const titleLang = langOf(langOfText(bite.title));
      if (titleLang) $("bite-title").setAttribute("lang", titleLang);
      else $("bite-title").removeAttribute("lang");
      body.append(el("p", { lang: langOf(langOfText(bite.description)), text: titleOf(bite.description) }));
      const dl = el("dl", { class: "facts" });
      const row = (key, value) => { if (value !== null && value !== undefined && value !== "") dl.append(el("dt", { text: t(key) }), el("dd", {}, value)); };
      row("page-bite-provider", bite.provider);
      row("page-bite-hours", t("page-step-hours", { hours: number(bite.hours) }));
      row("page-bite-ects", number(bite.ects));
      row("page-bite-eqf", String(bite.eqf_level));
      row("page-bite-languages", (bite.languages || []).map((x) => t("page-lang-" + x)).join(", "));
      row("page-bite-mode", modeWord(bite.mode));
      if (bite.region) {
        const county = COUNTIES.find((x) => x[0] === bite.region);
        row("page-bite-region", county ? county[LANGS.indexOf(state.lang) + 1] : bite.region);
      }
      row("page-bite-cost", money(bite.cost_eur));
      if (bite.funding && bite.funding.length) row("page-bite-funding", bite.funding.map(fundingName).join(", "));
      if (bite.sessions && bite.sessions.length) {
        row("page-bite-sessions", bite.sessions.map((s) => t("page-bite-session", { start: day(s.start), weeks: s.weeks })).join("; "));
      }
      // The service's words for the codes, in the language asked.
      row("page-bite-assessment", bite.assessment_text || bite.assessment);
      row("page-bite-credential", bite.credential_text || bite.credential);
      row("page-bite-quality", bite.quality_assurance);
      const page = webUrl(bite.url);
      if (page) row("page-bite-url", el("a", { href: page, rel: "noopener noreferrer", target: "_blank", text: page }));
      // How to enrol: the run of the chosen path (else the next one open).
      enrolRows(bite, chosenStep(id)).forEach(([key, value]) => row(key, value));
      body.append(dl);
      // Why is it not in the path? Asked of the service for the last plan.
      const last = state.last;
      const best = last && last.plan.paths.length ? last.plan.paths[0] : null;
      if (last && !(best && best.steps.some((s) => s.bite === id))) {
        const out = el("div", { class: "whynot", "aria-live": "polite" });
        const ask = el("button", {
          type: "button",
          class: "link",
          onclick: async () => {
            ask.disabled = true;
            out.textContent = t("page-busy");
            try {
              const answer = await api("POST", "/v1/paths/why-not", { learner: last.learner, target: last.target, bite: id, lang: state.lang });
              out.textContent = answer.text;
            } catch (e) {
              out.textContent = "";
              showProblem(out, e);
            } finally {
              ask.disabled = false;
            }
          },
        }, t("page-bite-whynot"));
        body.append(el("p", {}, ask), out);
      }
    }
    dialog.returnFocusTo = opener || null;
    dialog.showModal();
    $("bite-close").focus();
  }

  // ---- step 5: hand-over, print and download ------------------------------

  // The saved plan's format: a file of this name and version opens again
  // here (docs/web-page.md describes its fields).
  const PLAN_FORMAT = "oppepala-plan";
  const PLAN_VERSION = 1;

  // The counsellor's notes for the hand-over. They stay on this page and
  // in the file the counsellor saves; no request to the service carries
  // them.
  function notes() {
    return {
      client: $("note-client").value,
      counsellor: $("note-counsellor").value,
      next_meeting: $("note-meeting").value,
      actions: $("note-actions").value,
    };
  }

  // The plan as a file to keep: the profile (skills with their names and
  // levels, circumstances), the goal, the chosen path with the facts of its
  // courses as they were (list price, runs), and the notes.
  function chosenPlan() {
    const last = state.last;
    if (!last || !last.plan.paths.length) return null;
    const path = last.plan.paths[state.chosen] || last.plan.paths[0];
    return {
      format: PLAN_FORMAT,
      version: PLAN_VERSION,
      saved: new Date().toISOString(),
      lang: state.lang,
      goal: { target: last.target, title: last.goalTitle, title_lang: last.goalTitleLang || null },
      learner: last.learner,
      skills: last.skills,
      chosen: state.chosen,
      path: {
        ...path,
        steps: path.steps.map((s) => {
          const bite = state.bites.get(s.bite);
          return {
            ...s,
            provider: bite ? bite.provider : null,
            mode: bite ? bite.mode : null,
            region: bite ? bite.region || null : null,
            url: bite ? bite.url : null,
            list_cost_eur: bite ? bite.cost_eur : null,
            sessions: bite ? bite.sessions || [] : [],
          };
        }),
      },
      notes: notes(),
      gap: last.gap.items,
      open_modules: last.gap.open_modules || [],
      uncoverable: last.plan.uncoverable || [],
    };
  }

  function planJson() {
    const plan = chosenPlan();
    return plan ? JSON.stringify(plan, null, 2) + "\n" : "";
  }

  // A cell of the CSV. A text a spreadsheet would run as a formula (=, +,
  // -, @, or a tab or carriage return first) gets a leading apostrophe, so
  // it is shown as text; a cell with the separator, a quote or a line
  // break is quoted.
  function csvField(value) {
    let text = value === null || value === undefined ? "" : String(value);
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",;\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // The chosen path as CSV: `;` between cells by default (what a
  // spreadsheet set to Estonian or Russian expects), `,` on request, a
  // byte-order mark so it is read as UTF-8, a row per course.
  function planCsv(separator) {
    const sep = separator === "," ? "," : separator === ";" ? ";" : $("csv-sep").value === "," ? "," : ";";
    const plan = chosenPlan();
    if (!plan) return "";
    const rows = [t("page-csv-header").split(",").map(csvField).join(sep)];
    plan.path.steps.forEach((s, i) => {
      const bite = state.bites.get(s.bite) || {};
      const run = bite.sessions ? enrolRun(bite, s) : null;
      const contact = bite.contact || {};
      rows.push([
        i + 1, s.start, s.end, s.bite, s.title, s.hours, s.cost_eur, bite.cost_eur, s.ects, bite.provider,
        bite.mode ? modeWord(bite.mode) : "", bite.region ? countyName(bite.region) : "", contact.address,
        (bite.languages || []).map((x) => t("page-lang-" + x)).join(", "),
        (bite.funding || []).map(fundingName).join(", "),
        webUrl(bite.url), webUrl(bite.registration_url),
        run ? run.registration_deadline : null, run ? run.seats : null,
        contact.email, contact.phone, s.why,
      ].map(csvField).join(sep));
    });
    return "\ufeff" + rows.join("\r\n") + "\r\n";
  }

  function updateDownloads() {
    state.urls.forEach((u) => URL.revokeObjectURL(u));
    state.urls = [];
    const json = URL.createObjectURL(new Blob([planJson()], { type: "application/json" }));
    const csv = URL.createObjectURL(new Blob([planCsv()], { type: "text/csv;charset=utf-8" }));
    state.urls.push(json, csv);
    $("dl-json").href = json;
    $("dl-csv").href = csv;
    const today = new Date().toISOString().slice(0, 10);
    $("dl-json").setAttribute("download", "oppepala-plan-" + today + ".json");
    $("dl-csv").setAttribute("download", "oppepala-plan-" + today + ".csv");
  }

  // The notes in the printed plan: what was entered, or a blank line to
  // write on.
  function renderHandover() {
    const box = $("print-notes");
    box.replaceChildren();
    const n = notes();
    const meeting = n.next_meeting ? meetingText(n.next_meeting) : "";
    const dl = el("dl", { class: "handover" });
    [
      ["page-handover-client", n.client],
      ["page-handover-counsellor", n.counsellor],
      ["page-handover-meeting", meeting],
      ["page-handover-actions", n.actions],
    ].forEach(([key, value]) => {
      dl.append(el("dt", { text: t(key) }), el("dd", { class: value.trim() ? "said" : "blank", text: value }));
    });
    box.append(el("h3", { text: t("page-handover-title") }), dl);
  }

  // A meeting's day and time (YYYY-MM-DDTHH:MM) as the page's language writes it.
  function meetingText(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(text);
    if (!m) return text;
    const when = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] || 0), Number(m[5] || 0));
    const options = m[4] ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" };
    return when.toLocaleString(LOCALES[state.lang], options);
  }

  // ---- a saved plan, opened again -------------------------------------------

  // What is wrong with a file that should be a saved plan, as
  // {key, vars} of a message, or null when it can be opened.
  function planFileProblem(doc) {
    const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
    if (!isObject(doc) || doc.format !== PLAN_FORMAT) return { key: "page-open-not-plan", vars: { format: PLAN_FORMAT } };
    const wrong = (field, expected) => ({ key: "page-open-field", vars: { field, expected: t("page-open-expect-" + expected) } });
    if (!Number.isInteger(doc.version) || doc.version < 1) return wrong("version", "version");
    if (doc.version > PLAN_VERSION) return { key: "page-open-newer", vars: { version: doc.version, supported: PLAN_VERSION } };
    const isDate = (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && parseDay(v) !== null;
    const isLevel = (v) => Number.isInteger(v) && v >= 1 && v <= 4;
    const kinds = {
      object: isObject,
      list: Array.isArray,
      number: (v) => typeof v === "number" && Number.isFinite(v) && v >= 0,
      text: (v) => typeof v === "string",
      date: isDate,
      level: isLevel,
      language: (v) => LANGS.includes(v),
      education: (v) => Number.isInteger(v) && v >= 0 && v <= 8,
    };
    // [field, kind, may be missing or null]
    const fields = [
      ["goal", "object"], ["goal.target", "object"], ["goal.title", "text", true],
      ["learner", "object"], ["learner.competences", "list"], ["learner.languages", "list"],
      ["learner.region", "text", true], ["learner.education", "education", true],
      ["learner.spoken_languages", "list", true], ["learner.constraints", "object"],
      ["learner.constraints.max_hours_per_week", "number", true], ["learner.constraints.budget_eur", "number", true],
      ["learner.constraints.modes", "list", true], ["learner.constraints.funding", "list", true],
      ["learner.constraints.regions", "list", true],
      ["learner.constraints.start_after", "date", true], ["learner.constraints.finish_by", "date", true],
      ["skills", "list", true], ["path", "object"], ["path.steps", "list"], ["notes", "object", true],
      ["notes.client", "text", true], ["notes.counsellor", "text", true], ["notes.next_meeting", "text", true], ["notes.actions", "text", true],
    ];
    const at = (path) => path.split(".").reduce((v, k) => (isObject(v) ? v[k] : undefined), doc);
    for (const [field, kind, optional] of fields) {
      const value = at(field);
      if ((value === undefined || value === null) && optional) continue;
      if (!kinds[kind](value)) return wrong(field, kind);
    }
    const target = doc.goal.target;
    if (!(typeof target.qualification === "string" || typeof target.occupation === "string")) return wrong("goal.target", "goal");
    const each = (list, field, check) => {
      for (let i = 0; i < list.length; i += 1) {
        const problem = check(list[i], field + "[" + i + "]");
        if (problem) return problem;
      }
      return null;
    };
    return each(doc.learner.competences, "learner.competences", (c, f) =>
      !isObject(c) ? wrong(f, "object") : typeof c.skill !== "string" ? wrong(f + ".skill", "text") : !isLevel(c.level) ? wrong(f + ".level", "level") : null)
      || each(doc.learner.languages, "learner.languages", (l, f) => (kinds.language(l) ? null : wrong(f, "language")))
      || each(doc.skills || [], "skills", (s, f) =>
        !isObject(s) ? wrong(f, "object") : typeof s.uri !== "string" ? wrong(f + ".uri", "text") : !isLevel(s.level) ? wrong(f + ".level", "level") : null)
      || each(doc.path.steps, "path.steps", (s, f) =>
        !isObject(s) ? wrong(f, "object") : typeof s.bite !== "string" ? wrong(f + ".bite", "text")
          : !isDate(s.start) ? wrong(f + ".start", "date") : !isDate(s.end) ? wrong(f + ".end", "date") : null);
  }

  // Where a JSON text stops being JSON, as line and column, from the
  // browser's message ("… at position 12" or "… line 1 column 13").
  function jsonErrorPlace(text, error) {
    const message = String(error && error.message);
    let m = /line (\d+) column (\d+)/.exec(message);
    if (m) return { line: Number(m[1]), column: Number(m[2]) };
    m = /position (\d+)/.exec(message);
    if (!m) return null;
    const before = text.slice(0, Number(m[1])).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }

  function openFailed(key, vars) {
    const box = $("open-status");
    box.replaceChildren(el("p", { class: "problem", role: "alert", text: t(key, vars) }));
  }

  // Opens a saved plan: checks it, fills the form, plans again against
  // today's catalogue and says what changed since it was saved.
  async function openPlanFile(file) {
    const box = $("open-status");
    box.replaceChildren(el("p", { text: t("page-busy") }));
    if (file.size > 2000000) return openFailed("page-open-too-big", { name: file.name });
    let text;
    try {
      text = await file.text();
    } catch (e) {
      return openFailed("page-open-unreadable", { name: file.name });
    }
    text = text.replace(/^\ufeff/, "");
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      const place = jsonErrorPlace(text, e);
      return place ? openFailed("page-open-not-json-at", { name: file.name, ...place }) : openFailed("page-open-not-json", { name: file.name });
    }
    const problem = planFileProblem(doc);
    if (problem) return openFailed(problem.key, { name: file.name, ...problem.vars });
    await fillForm(doc);
    box.replaceChildren(el("p", { text: t("page-open-opened", { name: file.name, date: day(String(doc.saved || "").slice(0, 10)) }) }));
    state.saved = { doc, fresh: true };
    // The catalogue may have changed since the page was loaded.
    state.bites.clear();
    await runPlan();
  }

  // The form as the saved plan had it.
  async function fillForm(doc) {
    const l = doc.learner;
    const c = l.constraints;
    state.held.clear();
    const skills = doc.skills || l.competences.map((x) => ({ uri: x.skill, label: x.skill, level: x.level, on: true }));
    skills.forEach((s) => {
      state.held.set(s.uri, {
        uri: s.uri, label: typeof s.label === "string" ? s.label : s.uri, labelLang: s.label_lang || null,
        level: s.level, on: s.on !== false, from: s.from || null, fromLang: s.from_lang || null,
      });
    });
    const tick = (name, values) => document.querySelectorAll('input[name="' + name + '"]').forEach((box) => {
      box.checked = values.includes(box.value);
    });
    tick("study-lang", l.languages);
    state.studyTouched = true;
    const spoken = l.spoken_languages || [];
    document.querySelectorAll("select.cefr").forEach((select) => {
      const found = spoken.find((x) => x && x.language === select.dataset.lang);
      select.value = found && [...select.options].some((o) => o.value === found.level) ? found.level : "";
    });
    $("education").value = l.education === null || l.education === undefined ? "" : String(l.education);
    $("county").value = l.region || "";
    state.regions = (c.regions || []).filter((x) => typeof x === "string");
    renderRegions();
    $("hours").value = c.max_hours_per_week === null || c.max_hours_per_week === undefined ? "" : String(c.max_hours_per_week);
    $("budget").value = c.budget_eur === null || c.budget_eur === undefined ? "" : String(c.budget_eur);
    $("start").value = c.start_after || "";
    $("finish").value = c.finish_by || "";
    tick("mode", c.modes && c.modes.length ? c.modes : ["online", "onsite", "blended"]);
    tick("funding", c.funding || []);
    const target = doc.goal.target;
    if (typeof target.qualification === "string") {
      state.goal.qualification = target.qualification;
      document.querySelector('input[name="goal-kind"][value="qualification"]').checked = true;
      renderQuals();
    } else {
      state.goal.occupation = { uri: target.occupation, label: doc.goal.title || target.occupation, labelLang: doc.goal.title_lang || null };
      document.querySelector('input[name="goal-kind"][value="occupation"]').checked = true;
      showGoalOccupation();
    }
    showGoalPane();
    const n = doc.notes || {};
    $("note-client").value = n.client || "";
    $("note-counsellor").value = n.counsellor || "";
    $("note-meeting").value = n.next_meeting || "";
    $("note-actions").value = n.actions || "";
    renderHeld();
    await relabel();
  }

  // What changed between the saved plan and the plan made again today:
  // a course gone from the catalogue, a list price changed, a run's dates
  // moved or gone, the chosen path no longer offered. Returns the changes
  // ({code, bite, text}) and the path now closest to the saved one.
  async function planChanges(saved) {
    const plan = state.last ? state.last.plan : { paths: [] };
    const savedIds = saved.path.steps.map((s) => s.bite);
    const savedSet = new Set(savedIds);
    const key = (steps) => steps.map((s) => [s.bite, s.start, s.end].join(" ")).join("|");
    // The same courses on the same days; else the same courses; else the
    // path sharing the most courses with it.
    let exact = -1;
    let same = -1;
    let closest = -1;
    let closeness = -1;
    plan.paths.forEach((p, i) => {
      const ids = new Set(p.steps.map((s) => s.bite));
      const common = [...ids].filter((id) => savedSet.has(id)).length;
      if (exact < 0 && key(p.steps) === key(saved.path.steps)) exact = i;
      if (same < 0 && common === ids.size && common === savedSet.size) same = i;
      const score = common / (ids.size + savedSet.size - common || 1);
      if (score > closeness) {
        closeness = score;
        closest = i;
      }
    });
    if (exact >= 0) same = exact;
    const now = same >= 0 ? same : closest;
    const path = now >= 0 ? plan.paths[now] : null;
    const changes = [];
    const dates = (s) => t("page-step-dates", { start: day(s.start), end: day(s.end) });
    // A change: its code, the course, and its words (titles keep their language mark).
    const change = (code, bite, key, vars) => changes.push({ code, bite, nodes: sayNodes(key, vars) });
    for (const s of saved.path.steps) {
      const bite = await loadBite(s.bite);
      if (!bite) {
        change("gone", s.bite, "page-change-gone", { title: el("span", { lang: langOf(s.title_lang), text: s.title || s.bite }) });
        continue;
      }
      const title = () => localizedSpan(bite.title);
      if (typeof s.list_cost_eur === "number" && bite.cost_eur !== s.list_cost_eur) {
        change("price", s.bite, "page-change-price", { title: title(), before: money(s.list_cost_eur), after: money(bite.cost_eur) });
      }
      const step = path ? path.steps.find((x) => x.bite === s.bite) : null;
      if (step && (step.start !== s.start || step.end !== s.end)) {
        change("dates", s.bite, "page-change-dates", { title: title(), before: dates(s), after: dates(step) });
      } else if (!step && s.session && !(bite.sessions || []).some((x) => x.start === s.start)) {
        change("run-gone", s.bite, "page-change-run-gone", { title: title(), start: day(s.start) });
      }
    }
    if (!path) {
      change("no-path", null, "page-change-no-path", {});
    } else if (same < 0) {
      const ids = new Set(path.steps.map((x) => x.bite));
      const titles = (steps) => {
        const nodes = steps.map((s) => el("span", { lang: langOf(s.title_lang), text: s.title || s.bite }));
        return nodes.length ? joinNodes(nodes, ", ") : "–";
      };
      change("path", null, "page-change-path", {
        n: now + 1,
        out: titles(saved.path.steps.filter((s) => !ids.has(s.bite))),
        added: titles(path.steps.filter((s) => !savedSet.has(s.bite))),
      });
    }
    const goal = saved.goal.target.qualification;
    if (goal && state.quals.length && !state.quals.some((q) => q.id === goal)) {
      change("goal-gone", null, "page-change-goal-gone", { goal: saved.goal.title || goal });
    }
    return { changes, now };
  }

  // Says what changed since the opened plan was saved (after every plan
  // made while it is open, in the page's language).
  async function showChanges() {
    const box = $("changes");
    box.replaceChildren();
    box.hidden = true;
    const saved = state.saved;
    if (!saved) return;
    const { changes, now } = await planChanges(saved.doc);
    if (saved.fresh && now >= 0 && now !== state.chosen) {
      state.chosen = now;
      renderResults();
    }
    saved.fresh = false;
    const date = day(String(saved.doc.saved || "").slice(0, 10));
    box.append(el("strong", { text: t("page-change-title", { date }) }));
    if (!changes.length) {
      box.append(el("p", { class: "unchanged", text: t("page-change-none") }));
    } else {
      box.append(el("ul", {}, ...changes.map((c) => el("li", { "data-code": c.code, "data-bite": c.bite }, ...c.nodes))));
    }
    box.hidden = false;
  }

  function printView(on) {
    document.body.classList.toggle("print-view", on);
    $("preview-bar").hidden = !on;
    if (on) $("preview-print").focus();
    else $("preview").focus();
  }

  // ---- "what next?" --------------------------------------------------------

  async function askNext() {
    const out = $("next-out");
    out.replaceChildren(el("p", { text: t("page-busy") }));
    if (!checked("study-lang").length) {
      out.replaceChildren(el("p", { text: t("page-plan-needlang") }));
      return;
    }
    let data;
    try {
      data = await api("POST", "/v1/recommendations", { learner: learner(), k: 5, lang: state.lang });
    } catch (e) {
      if (e.status === 404 || e.status === 405) {
        out.replaceChildren(el("p", { class: "problem", role: "alert", text: t("page-next-missing") }));
      } else {
        const box = el("div", { class: "problem", role: "alert" });
        out.replaceChildren(box);
        showProblem(box, e);
      }
      return;
    }
    out.replaceChildren();
    const targets = data.targets || [];
    if (!targets.length) out.append(el("p", { text: t("page-next-none") }));
    const list = el("ul", { class: "next-list" });
    targets.forEach((r) => {
      const choose = el("button", { type: "button", text: t("page-next-plan") });
      choose.addEventListener("click", () => chooseRecommended(r));
      const li = el("li", {}, el("strong", { lang: langOf(r.title_lang), text: r.title }), el("p", { text: r.reason || "" }));
      if (r.demand) li.append(el("p", {}, t("page-gap-demand") + ": ", demandCell(r.demand)));
      if (r.best_path) {
        const p = r.best_path;
        li.append(el("p", { class: "hint", text: t("page-path-summary", {
          steps: p.steps.length, hours: number(p.total_hours), cost: money(p.total_cost_eur),
          ects: number(p.total_ects), finish: day(p.finish), weeks: p.total_weeks,
        }) }));
      }
      li.append(choose);
      list.append(li);
    });
    out.append(list);
    const bites = data.next_bites || [];
    if (bites.length) {
      out.append(el("h3", { text: t("page-next-bites") }));
      const next = el("ul", { class: "next-list" });
      bites.forEach((b) => {
        const open = el("button", { type: "button", class: "link", lang: langOf(b.title_lang), text: b.title });
        open.addEventListener("click", () => openBite(b.bite, open));
        next.append(el("li", {}, open, el("span", { class: "facts", text: " · " + t("page-step-hours", { hours: number(b.hours) }) + " · " + money(b.cost) }), el("p", { class: "hint", text: b.reason || "" })));
      });
      out.append(next);
    }
  }

  async function chooseRecommended(r) {
    const target = r.target || {};
    if (target.qualification) {
      state.goal.qualification = target.qualification;
      document.querySelector('input[name="goal-kind"][value="qualification"]').checked = true;
      renderQuals();
    } else if (target.occupation) {
      state.goal.occupation = { uri: target.occupation, label: r.title, labelLang: r.title_lang };
      document.querySelector('input[name="goal-kind"][value="occupation"]').checked = true;
      showGoalOccupation();
    } else {
      return;
    }
    showGoalPane();
    await runPlan();
  }

  // ---- start -------------------------------------------------------------

  function start() {
    // The page speaks Estonian unless the person chose another language
    // here before; the browser's own language does not decide.
    let lang = "et";
    try {
      lang = localStorage.getItem(LANG_KEY) || "et";
    } catch (e) {
      lang = "et";
    }
    if (!LANGS.includes(lang)) lang = "et";
    state.lang = lang;
    applyStrings();
    followStudyLanguage();
    document.querySelectorAll('input[name="study-lang"]').forEach((box) => {
      box.addEventListener("change", () => { state.studyTouched = true; });
    });
    renderHeld();

    document.querySelectorAll("button.lang").forEach((b) => b.addEventListener("click", () => setLang(b.dataset.lang)));
    combobox($("skill-q"), $("skill-list"), suggestSkills, addSkill);
    combobox($("occ-q"), $("occ-list"), suggestOccupations, addOccupation);
    combobox($("goal-occ-q"), $("goal-occ-list"), suggestOccupations, (item) => {
      state.goal.occupation = { uri: item.id, label: item.label, labelLang: item.lang || state.lang };
      showGoalOccupation();
    });
    document.querySelectorAll('input[name="goal-kind"]').forEach((r) => r.addEventListener("change", showGoalPane));
    $("qual-q").addEventListener("input", renderQuals);
    $("plan-go").addEventListener("click", runPlan);
    $("next-ask").addEventListener("click", askNext);
    $("print").addEventListener("click", () => window.print());
    $("preview-print").addEventListener("click", () => window.print());
    $("preview").addEventListener("click", () => printView(true));
    $("preview-back").addEventListener("click", () => printView(false));
    $("bite-close").addEventListener("click", () => $("bite").close());
    $("open-file").addEventListener("change", () => {
      const input = $("open-file");
      const file = input.files && input.files[0];
      // The same file can be chosen again (after the catalogue changed).
      if (file) openPlanFile(file).finally(() => { input.value = ""; });
    });
    ["note-client", "note-counsellor", "note-meeting", "note-actions"].forEach((id) => {
      $(id).addEventListener("input", () => {
        renderHandover();
        if (state.last) updateDownloads();
      });
    });
    $("csv-sep").addEventListener("change", () => { if (state.last) updateDownloads(); });
    $("bite").addEventListener("close", () => {
      const back = $("bite").returnFocusTo;
      if (back && document.body.contains(back)) back.focus();
    });
    showGoalPane();
    loadQuals();
  }

  // For the browser tests and anyone scripting the page: the exact texts
  // the download links carry.
  window.oppepala = { planJson, planCsv, csvField, planFileProblem, state, say, messages: MESSAGES };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
