/* The review workspace: keyboard review of claim cards, and new claims from selected text.
   Offsets are counted in Unicode code points, as Python counts them in the article text. */
(function () {
  "use strict";
  const root = document.getElementById("workspace");
  if (!root) return;
  const canReview = root.dataset.canReview === "1";
  const templates = JSON.parse(document.getElementById("ws-reason-templates").textContent);
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const cards = Array.from(root.querySelectorAll(".ws-card"));
  const text = document.getElementById("ws-text");
  let current = -1;
  let pending = null; // {card, status}
  const typing = (el) => el && (el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
    (el.tagName === "INPUT" && !["checkbox", "radio", "submit", "button"].includes(el.type)));

  function marksOf(card) {
    return text ? text.querySelectorAll(`mark[data-claim="${card.dataset.claim}"]`) : [];
  }

  function setCurrent(index, scroll = true) {
    if (index < 0 || index >= cards.length) return;
    if (current >= 0) {
      cards[current].classList.remove("ws-current");
      marksOf(cards[current]).forEach((m) => m.classList.remove("ws-current-mark"));
    }
    current = index;
    const card = cards[current];
    card.classList.add("ws-current");
    const marks = marksOf(card);
    marks.forEach((m) => m.classList.add("ws-current-mark"));
    if (scroll) {
      card.scrollIntoView({ block: "nearest" });
      if (marks.length) marks[0].scrollIntoView({ block: "nearest" });
    }
    card.focus({ preventScroll: true });
  }

  function nextUnreviewed(from) {
    for (let step = 1; step <= cards.length; step++) {
      const i = (from + step) % cards.length;
      if (cards[i].dataset.status === "unreviewed" && !cards[i].dataset.saving) return i;
    }
    return -1;
  }

  function closeDecision() {
    if (!pending) return;
    pending.card.querySelector(".ws-decision").hidden = true;
    pending = null;
  }

  function openDecision(card, status) {
    closeDecision();
    const form = card.querySelector(".ws-decision");
    if (!form) return;
    pending = { card, status };
    form.hidden = false;
    const label = card.querySelector(`.ws-act[data-status="${status}"]`).textContent.split(" ")[0];
    form.querySelector(".ws-decision-title").textContent = `${label}: pick a reason (1–4), e to write one, Enter to save.`;
    const list = form.querySelector(".ws-templates");
    list.replaceChildren(...(templates[status] || []).map((reason, i) => {
      const item = document.createElement("li");
      item.textContent = reason;
      item.addEventListener("click", () => pickTemplate(i));
      return item;
    }));
    form.querySelector("textarea").value = "";
    form.querySelector(".ws-error").hidden = true;
  }

  function pickTemplate(i) {
    if (!pending) return;
    const reasons = templates[pending.status] || [];
    if (i >= reasons.length) return;
    const form = pending.card.querySelector(".ws-decision");
    form.querySelector("textarea").value = reasons[i];
    form.querySelectorAll(".ws-templates li").forEach((li, j) => li.classList.toggle("ws-picked", i === j));
  }

  function showError(card, message) {
    const form = card.querySelector(".ws-decision");
    form.hidden = false;
    const box = form.querySelector(".ws-error");
    box.textContent = message;
    box.hidden = false;
  }

  function applyStatus(card, data) {
    card.dataset.status = data.status;
    card.dataset.version = data.version;
    card.className = card.className.replace(/status-\S+/, `status-${data.status}`);
    card.querySelector(".ws-status").textContent = data.status_label;
    marksOf(card).forEach((m) => { m.className = m.className.replace(/status-\S+/, `status-${data.status}`); });
  }

  async function submitDecision() {
    if (!pending) return;
    const { card, status } = pending;
    const form = card.querySelector(".ws-decision");
    const reason = form.querySelector("textarea").value.trim();
    if (!reason) { showError(card, "Give a reason: pick one (1–4) or write it (e)."); return; }
    const body = new FormData();
    body.append("status", status);
    body.append("reason", reason);
    body.append("credibility", form.querySelector("select[name=credibility]").value);
    body.append("version", card.dataset.version);
    form.hidden = true;
    pending = null;
    card.dataset.saving = "1";
    // Move on at once: the next decision can be typed while this one is saved.
    const next = nextUnreviewed(cards.indexOf(card));
    if (next >= 0) setCurrent(next);
    let data;
    try {
      const response = await fetch(card.dataset.reviewUrl, {
        method: "POST", body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin",
      });
      data = await response.json();
      if (!response.ok) throw new Error(data.error || `The server answered ${response.status}.`);
    } catch (error) {
      delete card.dataset.saving;
      setCurrent(cards.indexOf(card));
      openDecision(card, status);
      form.querySelector("textarea").value = reason;
      showError(card, error.message);
      return;
    }
    delete card.dataset.saving;
    applyStatus(card, data);
    card.dataset.saved = String(Number(card.dataset.saved || 0) + 1);
  }

  /* Selection → new claim. */
  function codePoints(s) { return Array.from(s).length; }

  function offsetIn(node, offset) {
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    let total = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const skipped = n.parentElement && n.parentElement.closest(".claim-also");
      if (n === node) return total + (skipped ? 0 : codePoints(n.data.slice(0, offset)));
      if (!skipped) total += codePoints(n.data);
    }
    return null;
  }

  function boundary(container, offset) {
    // A selection may end on an element: point at the text around it instead.
    if (container.nodeType === Node.TEXT_NODE) return offsetIn(container, offset);
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    const target = container.childNodes[offset] || null;
    let total = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (target && (target === n || target.contains(n))) return total;
      if (!(n.parentElement && n.parentElement.closest(".claim-also"))) total += codePoints(n.data);
    }
    return total;
  }

  function selectionSpan() {
    const selection = window.getSelection();
    if (!text || !selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
    const start = boundary(range.startContainer, range.startOffset);
    const end = boundary(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    return { start, end, selected: selection.toString() };
  }

  const floating = document.getElementById("ws-from-selection");
  const newForm = document.getElementById("ws-new-claim");

  function choiceBoxes(box, name, items) {
    box.replaceChildren(...items.map((item) => {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox"; input.name = name; input.value = item.id; input.checked = true;
      label.append(input, " ", item.name);
      return label;
    }));
    if (!items.length) box.textContent = "none found: add them on the claim's page after saving";
  }

  async function proposeFromSelection() {
    const span = selectionSpan();
    if (!span || !newForm) return;
    const body = new FormData();
    body.append("start", span.start); body.append("end", span.end); body.append("selected", span.selected);
    const response = await fetch(root.dataset.proposeUrl, {
      method: "POST", body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin",
    });
    const data = await response.json();
    const error = newForm.querySelector(".ws-error");
    newForm.hidden = false;
    if (!response.ok) {
      document.getElementById("ws-new-quote").textContent = span.selected;
      error.textContent = data.error; error.hidden = false;
      newForm.querySelector("button[type=submit]").disabled = true;
      return;
    }
    newForm.querySelector("button[type=submit]").disabled = false;
    error.hidden = true;
    document.getElementById("ws-new-quote").textContent = data.quote;
    newForm.quote_start.value = data.quote_start; newForm.quote_end.value = data.quote_end;
    newForm.statement.value = data.statement;
    newForm.predicate.value = data.predicate || "";
    newForm.date_start.value = data.date_start || ""; newForm.date_end.value = data.date_end || "";
    newForm.date_precision.value = data.date_precision || ""; newForm.date_text.value = data.date_text || "";
    choiceBoxes(document.getElementById("ws-new-countries"), "countries", data.countries);
    choiceBoxes(document.getElementById("ws-new-actors"), "actors", data.actors);
    const eventBox = document.getElementById("ws-new-event");
    eventBox.replaceChildren();
    if (data.event) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox"; input.name = "event"; input.value = data.event.id; input.checked = true;
      label.append(input, " reports the event: ", data.event.title);
      eventBox.append(label);
    }
    const notes = [...data.notes];
    if (data.fatalities) notes.push(`The words give a toll: ${data.fatalities.low ?? "?"} / ${data.fatalities.best ?? "?"} / ${data.fatalities.high ?? "?"} (low / best / high).`);
    if (data.existing_claim) notes.push(`Claim #${data.existing_claim} already quotes exactly these words.`);
    document.getElementById("ws-new-notes").textContent = notes.join(" ");
    floating.hidden = true;
    newForm.scrollIntoView({ block: "nearest" });
    newForm.statement.focus();
  }

  if (newForm) {
    newForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const response = await fetch(root.dataset.enterUrl, {
        method: "POST", body: new FormData(newForm), headers: { "X-CSRFToken": csrf }, credentials: "same-origin",
      });
      const data = await response.json();
      if (!response.ok) {
        const error = newForm.querySelector(".ws-error");
        error.textContent = data.error; error.hidden = false;
        return;
      }
      window.location.assign(data.url);
      window.location.reload();
    });
    newForm.querySelector(".ws-cancel").addEventListener("click", () => { newForm.hidden = true; });
  }
  if (text && floating && canReview) {
    text.addEventListener("mouseup", (event) => {
      setTimeout(() => {
        const span = selectionSpan();
        floating.hidden = !span;
        if (span) {
          floating.style.left = `${Math.min(event.clientX + 8, window.innerWidth - 260)}px`;
          floating.style.top = `${event.clientY + 12}px`;
        }
      }, 0);
    });
    floating.addEventListener("click", proposeFromSelection);
  }

  /* Cards and keys. */
  cards.forEach((card, i) => {
    card.addEventListener("click", (event) => { if (!event.target.closest("a,button,textarea,select,input")) setCurrent(i, false); });
    card.querySelectorAll(".ws-act").forEach((button) => button.addEventListener("click", () => { setCurrent(i, false); openDecision(card, button.dataset.status); }));
    const form = card.querySelector(".ws-decision");
    if (form) {
      form.addEventListener("submit", (event) => { event.preventDefault(); submitDecision(); });
      form.querySelector(".ws-cancel").addEventListener("click", closeDecision);
    }
  });
  if (text) {
    text.addEventListener("click", (event) => {
      const mark = event.target.closest("mark[data-claim]");
      if (!mark) return;
      const i = cards.findIndex((c) => c.dataset.claim === mark.dataset.claim);
      if (i >= 0) { event.preventDefault(); setCurrent(i); }
    });
  }

  const STATUS_KEYS = { v: "verified", d: "disputed", r: "rejected" };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (typing(target)) {
      if (event.key === "Escape") { target.blur(); closeDecision(); event.preventDefault(); }
      else if (event.key === "Enter" && !event.shiftKey && target.tagName === "TEXTAREA" && pending) {
        event.preventDefault(); submitDecision();
      }
      return;
    }
    const key = event.key;
    if (key === "?") { const help = document.getElementById("ws-help"); help.hidden = !help.hidden; return; }
    if (key === "Escape") { closeDecision(); if (newForm) newForm.hidden = true; return; }
    if (pending) {
      if (/^[1-9]$/.test(key)) { pickTemplate(Number(key) - 1); event.preventDefault(); return; }
      if (key === "Enter") { event.preventDefault(); submitDecision(); return; }
      if (key === "e") { event.preventDefault(); pending.card.querySelector(".ws-decision textarea").focus(); return; }
      if (key === "c") { event.preventDefault(); pending.card.querySelector(".ws-decision select").focus(); return; }
    }
    if (key === "j" || key === "ArrowDown") { event.preventDefault(); closeDecision(); setCurrent(Math.min(current + 1, cards.length - 1)); }
    else if (key === "k" || key === "ArrowUp") { event.preventDefault(); closeDecision(); setCurrent(Math.max(current - 1, 0)); }
    else if (key === "u") { const i = nextUnreviewed(current); if (i >= 0) { closeDecision(); setCurrent(i); } }
    else if (key === "n" && canReview) { event.preventDefault(); proposeFromSelection(); }
    else if (STATUS_KEYS[key] && canReview && current >= 0) { event.preventDefault(); openDecision(cards[current], STATUS_KEYS[key]); }
  });

  const hashed = cards.findIndex((c) => `#${c.id}` === window.location.hash);
  const first = hashed >= 0 ? hashed : nextUnreviewed(-1);
  setCurrent(first >= 0 ? first : 0);
})();
