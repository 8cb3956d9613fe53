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
      return { target: { occupation: state.goal.occupation.uri }, title: state.goal.occupation.label };
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
      state.last = { learner: profile, target: goal.target, goalTitle: goal.title, gap, plan };
      state.chosen = Math.min(state.chosen, Math.max(plan.paths.length - 1, 0));
      renderResults();
      if (planProblem) showProblem($("problem"), planProblem);
      status.textContent = "";
    } catch (e) {
      state.last = null;
      $("results").hidden = false;
      $("take").hidden = true;
      $("gap").replaceChildren();
      $("uncoverable").replaceChildren();
      $("paths").replaceChildren();
      showProblem($("problem"), e);
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
    plan.paths.forEach((p, i) => box.append(renderPath(p, i)));
    updateDownloads();
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
      card.append(el("p", { class: "meets", text: t("page-path-meets", {
        skills: p.meets.skills.met, skillsOf: p.meets.skills.of, modules: p.meets.modules.met, modulesOf: p.meets.modules.of,
      }) }));
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
      list.append(li);
    });
    card.append(list);
    const radio = el("input", { type: "radio", name: "chosen-path", value: String(i), checked: chosen, id: "pick-" + i });
    radio.addEventListener("change", () => {
      state.chosen = i;
      document.querySelectorAll(".path").forEach((c) => c.classList.toggle("chosen-path", c.dataset.path === String(i)));
      updateDownloads();
    });
    card.append(el("label", { class: "check pick", for: "pick-" + i }, radio, el("span", { text: t("page-path-choose") })));
    return card;
  }

  // ---- bite details -----------------------------------------------------

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
      if (bite.url) row("page-bite-url", el("a", { href: bite.url, rel: "noopener noreferrer", target: "_blank", text: bite.url }));
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

  // ---- step 5: print and download ---------------------------------------

  function chosenPlan() {
    const last = state.last;
    if (!last || !last.plan.paths.length) return null;
    const path = last.plan.paths[state.chosen] || last.plan.paths[0];
    return {
      made: new Date().toISOString(),
      lang: state.lang,
      goal: { target: last.target, title: last.goalTitle },
      learner: last.learner,
      gap: last.gap.items,
      open_modules: last.gap.open_modules || [],
      uncoverable: last.plan.uncoverable || [],
      path: {
        ...path,
        steps: path.steps.map((s) => {
          const bite = state.bites.get(s.bite);
          return { ...s, provider: bite ? bite.provider : null, mode: bite ? bite.mode : null, url: bite ? bite.url : null };
        }),
      },
    };
  }

  function planJson() {
    const plan = chosenPlan();
    return plan ? JSON.stringify(plan, null, 2) + "\n" : "";
  }

  function csvField(value) {
    let text = value === null || value === undefined ? "" : String(value);
    // A text cell a spreadsheet would run as a formula (=, +, -, @, or a
    // tab or carriage return first) is shown as text: a leading apostrophe.
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\n\r;]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function planCsv() {
    const plan = chosenPlan();
    if (!plan) return "";
    const rows = [t("page-csv-header")];
    plan.path.steps.forEach((s, i) => {
      rows.push([i + 1, s.start, s.end, s.bite, s.title, s.hours, s.cost_eur, s.ects, s.provider, s.mode, s.why].map(csvField).join(","));
    });
    // A byte-order mark so spreadsheet programs read the file as UTF-8.
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
    $("bite").addEventListener("page-close", () => {
      const back = $("bite").returnFocusTo;
      if (back && document.body.contains(back)) back.focus();
    });
    showGoalPane();
    loadQuals();
  }

  // For the browser tests and anyone scripting the page: the exact texts
  // the download links carry.
  window.oppepala = { planJson, planCsv, csvField, state, say, messages: MESSAGES };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
