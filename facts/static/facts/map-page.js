/*
 * The readers' map page (facts/templates/facts/map.html): reads the API's GeoJSON export of
 * events with the filters of the form, draws those that have a point, and counts the others.
 * Every text from the API goes into the page as text, never as HTML.
 */
(function () {
  "use strict";

  const MAX_CLAIMS = 5;
  const PRECISION_WORDS = {
    exact: "exact place",
    near: "near the place",
    admin2: "district only",
    admin1: "region only",
    country: "country only",
  };
  const FILTERS = ["kind", "date_after", "date_before"];
  // More points than this make the page slow and the map unreadable: the newest are drawn
  // and the reader is asked to narrow the filters.
  const LIMIT = 5000;

  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      element.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) element.append(child);
    }
    return element;
  }

  // Only links to this site or to the web: an address from the data cannot run script.
  function safeHref(address) {
    if (typeof address !== "string") return null;
    return /^(https?:\/\/|\/(?!\/))/i.test(address) ? address : null;
  }

  function link(address, text) {
    const href = safeHref(address);
    return href ? el("a", { href: href }, text) : document.createTextNode(text);
  }

  // The export may give a related object as a name or as {name, …}: take its words either way.
  function textOf(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "object") return value.name || value.title || value.code || "";
    return String(value);
  }

  function plural(count, one, many) {
    return `${count} ${count === 1 ? one : many}`;
  }

  function whenText(p) {
    if (p.date_text) return p.date_text;
    if (p.date_start && p.date_end && p.date_start !== p.date_end) {
      return `${p.date_start} – ${p.date_end}`;
    }
    return p.date_start || "date not known";
  }

  function whereText(p) {
    const names = [];
    for (const value of [p.place || p.location, p.admin2, p.admin1, p.country]) {
      const name = textOf(value);
      if (name && !names.includes(name)) names.push(name);
    }
    const precision = PRECISION_WORDS[p.location_precision];
    const where = names.join(", ") || "place not named";
    return precision ? `${where} (${precision})` : where;
  }

  function fatalitiesText(p) {
    return p.fatalities_best === null || p.fatalities_best === undefined
      ? "not reported"
      : String(p.fatalities_best);
  }

  function claimParts(claim) {
    const quote = claim.quote;
    const article = claim.article && typeof claim.article === "object" ? claim.article : {};
    return {
      quote: typeof quote === "string" ? quote : (quote && quote.exact) || "",
      title: article.title || claim.article_title || "",
      address:
        article.source_url ||
        claim.article_url ||
        article.url ||
        (typeof claim.article === "string" ? claim.article : ""),
    };
  }

  function showClaims(list, data) {
    const claims = Array.isArray(data) ? data : (data && (data.results || data.claims)) || [];
    const quoted = claims.map(claimParts).filter((claim) => claim.quote);
    list.replaceChildren();
    if (!quoted.length) {
      list.append(el("li", { class: "muted" }, "No quoted claims to show here."));
      return;
    }
    for (const claim of quoted.slice(0, MAX_CLAIMS)) {
      const source = claim.title ? link(claim.address, claim.title) : null;
      list.append(el("li", {}, el("q", {}, claim.quote), source ? " — " : null, source));
    }
  }

  function loadClaims(address, list) {
    const href = safeHref(address);
    if (!href) return;
    list.append(el("li", { class: "muted" }, "Loading the claims…"));
    fetch(href, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((data) => showClaims(list, data))
      .catch(() => {
        list.replaceChildren(el("li", { class: "muted" }, "The claims could not be loaded."));
      });
  }

  // Built on first opening and kept, so the claims are fetched once per event.
  function popupFor(feature) {
    if (feature.popup) return feature.popup;
    const p = feature.properties || {};
    const title = p.title || "Untitled event";
    const claims = el("ul", { class: "claims" });
    feature.popup = el(
      "div",
      { class: "event-popup" },
      el("h2", {}, link(p.url, title)),
      el(
        "dl",
        {},
        el("dt", {}, "When"),
        el("dd", {}, whenText(p)),
        el("dt", {}, "Where"),
        el("dd", {}, whereText(p)),
        el("dt", {}, "Fatalities"),
        el("dd", {}, fatalitiesText(p)),
      ),
      p.claims_url ? link(p.claims_url, "Sourced claims") : null,
      claims,
    );
    if (p.claims_url) loadClaims(p.claims_url, claims);
    return feature.popup;
  }

  function countText(drawn, notDrawn) {
    return (
      `${plural(drawn, "event", "events")} on the map, ` +
      `${notDrawn} placed only by country (not drawn)`
    );
  }

  function start() {
    const element = document.getElementById("map");
    const form = document.getElementById("map-filters");
    const count = document.getElementById("map-count");
    const button = form.querySelector("button[type=submit]");
    const map = SahelMap.create(element);
    let pending = null;

    function say(text, isError) {
      count.textContent = text;
      count.classList.toggle("error", Boolean(isError));
    }

    function query() {
      const params = new URLSearchParams();
      for (const name of FILTERS) {
        const value = form.elements[name].value;
        if (value) params.set(name, value);
      }
      return params;
    }

    function load() {
      const params = query();
      const after = params.get("date_after");
      const before = params.get("date_before");
      if (after && before && after > before) {
        say("The “from” date is after the “to” date.", true);
        return;
      }
      if (pending) pending.abort();
      const controller = new AbortController();
      pending = controller;
      const search = params.toString();
      history.replaceState(null, "", search ? `?${search}` : location.pathname);
      button.disabled = true;
      say("Loading events…");
      const asked = new URLSearchParams(params);
      asked.set("limit", String(LIMIT));
      fetch(`${element.dataset.eventsUrl}?${asked.toString()}`, {
        credentials: "same-origin",
        signal: controller.signal,
      })
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.json();
        })
        .then((geojson) => {
          const shown = SahelMap.showPoints(map, geojson, popupFor);
          const more = geojson.truncated
            ? ` — the newest ${LIMIT}; narrow the kind or the dates to see the others`
            : "";
          say(countText(shown.drawn, shown.notDrawn) + more);
        })
        .catch((error) => {
          if (error.name === "AbortError") return;
          say(`The events could not be loaded (${error.message}).`, true);
        })
        .finally(() => {
          if (pending === controller) button.disabled = false;
        });
    }

    // The filters in the address (a shared link, or the form sent without script) come first.
    const given = new URLSearchParams(location.search);
    for (const name of FILTERS) {
      if (given.has(name)) form.elements[name].value = given.get(name);
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      load();
    });
    load();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
