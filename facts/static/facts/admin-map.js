/*
 * The maps of the admin's place and event pages (admin/facts/place/change_form.html and
 * admin/facts/event/change_form.html). Each map element says what it wants in data attributes,
 * since the Content-Security-Policy runs no inline script:
 *
 *   data-sahel-map="pick"  clicks set the inputs named by data-latitude-input and
 *                          data-longitude-input; an account that may not change the object
 *                          has no inputs, and is shown the stored point instead
 *   data-sahel-map="show"  one point, read-only
 *   data-latitude, data-longitude   the stored point (absent: none)
 *   data-center-latitude, data-center-longitude   where to open when there is no point
 *   data-label, data-precision, data-precision-code   what the point is, for its tooltip
 */
(function () {
  "use strict";

  function number(text) {
    const value = Number.parseFloat(text);
    return Number.isFinite(value) ? value : null;
  }

  function pair(latText, lonText) {
    const lat = number(latText);
    const lon = number(lonText);
    return lat === null || lon === null ? null : [lat, lon];
  }

  // An element, not a string: Leaflet puts a string in as HTML, and a place's name may come
  // from an imported article.
  function tooltipOf(data) {
    const text = [data.label, data.precision].filter(Boolean).join(" — ");
    if (!text) return null;
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function start(element) {
    const data = element.dataset;
    const point = pair(data.latitude, data.longitude);
    const center = point || pair(data.centerLatitude, data.centerLongitude);
    const map = SahelMap.create(element, center ? { center: center, zoom: point ? 6 : 7 } : {});
    const latInput = data.latitudeInput && document.getElementById(data.latitudeInput);
    const lonInput = data.longitudeInput && document.getElementById(data.longitudeInput);
    if (data.sahelMap === "pick" && latInput && lonInput) {
      SahelMap.pickCoordinates(map, latInput, lonInput);
      return;
    }
    if (!point) return;
    const feature = {
      type: "Feature",
      geometry: { type: "Point", coordinates: [point[1], point[0]] },
      properties: { location_precision: data.precisionCode || "" },
    };
    const shown = SahelMap.showPoints(map, { type: "FeatureCollection", features: [feature] }, null);
    const tooltip = tooltipOf(data);
    if (tooltip) shown.layer.eachLayer((marker) => marker.bindTooltip(tooltip, { permanent: true }));
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const element of document.querySelectorAll("[data-sahel-map]")) start(element);
  });
})();
