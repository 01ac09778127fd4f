/*
 * SahelMap: Leaflet maps without tiles. Country outlines come from the vendored Natural Earth
 * TopoJSON (facts/static/facts/vendor/README.md), so a map needs nothing but this site:
 * no tile server, no CDN, and the Content-Security-Policy (default-src 'self') holds.
 *
 *   const map = SahelMap.create("map", {outlinesUrl: "/static/.../countries-africa-50m.json"});
 *   SahelMap.showPoints(map, featureCollection, (feature) => "<b>popup</b>" or an Element);
 *   SahelMap.pickCoordinates(map, "id_latitude", "id_longitude");
 *
 * Needs leaflet.js and topojson-client.min.js loaded first.
 */
(function (global) {
  "use strict";

  // [[south, west], [north, east]]: Dakar to Lake Chad, the Gulf of Guinea to southern Libya.
  const SAHEL_BOUNDS = [
    [4, -18],
    [28, 25],
  ];
  // world-atlas ids are ISO 3166-1 numeric codes: Mali, Niger, Burkina Faso.
  const SHADED_COUNTRIES = new Set(["466", "562", "854"]);
  // Both the stored coordinates and the form fields have five decimals (about a metre).
  const DECIMALS = 5;

  const COLOURS = {
    water: "#dde8ef",
    land: "#fbfaf6",
    shaded: "#efe4cc",
    border: "#8d9196",
    point: "#b3261e",
    picked: "#1f5fa8",
  };

  function outlineStyle(feature) {
    return {
      color: COLOURS.border,
      weight: 0.7,
      fillColor: SHADED_COUNTRIES.has(String(feature.id)) ? COLOURS.shaded : COLOURS.land,
      fillOpacity: 1,
    };
  }

  // Precisions coarser than a locality are drawn hollow and dashed: the point is a
  // district's or region's seat, not where the event happened.
  const COARSE_PRECISIONS = new Set(["admin2", "admin1", "country"]);

  function pointStyle(feature) {
    const coarse = COARSE_PRECISIONS.has((feature.properties || {}).location_precision);
    return {
      radius: 7,
      color: COLOURS.point,
      weight: 2,
      fillColor: COLOURS.point,
      fillOpacity: coarse ? 0.08 : 0.55,
      dashArray: coarse ? "3 3" : null,
    };
  }

  function elementOf(elementOrId) {
    return typeof elementOrId === "string" ? document.getElementById(elementOrId) : elementOrId;
  }

  function drawOutlines(map, url) {
    const container = map.getContainer();
    return fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`outlines: HTTP ${response.status}`);
        return response.json();
      })
      .then((topology) => {
        const countries = global.topojson.feature(topology, topology.objects.countries);
        // Not interactive: clicks go through to the map (pickCoordinates listens there).
        L.geoJSON(countries, { pane: "outlines", style: outlineStyle, interactive: false }).addTo(
          map,
        );
        container.classList.add("sahel-map-outlined");
      })
      .catch((error) => {
        container.classList.add("sahel-map-no-outlines");
        console.error("SahelMap", error);
      });
  }

  /**
   * A map in the element (or element id), showing the Sahel.
   * options.outlinesUrl  the TopoJSON of the outlines (default: the element's data-outlines)
   * options.center, options.zoom  start there instead of on the whole Sahel
   * Returns the Leaflet map; map.outlinesDrawn is a promise settled once outlines are drawn.
   */
  function create(elementId, options) {
    const settings = options || {};
    const element = elementOf(elementId);
    const map = L.map(element, {
      minZoom: 2,
      maxZoom: 12,
      zoomSnap: 0.5,
      worldCopyJump: false,
    });
    element.classList.add("sahel-map");
    element.style.background = COLOURS.water;
    // Below the overlay pane, so outlines that arrive late never cover the points.
    map.createPane("outlines").style.zIndex = 350;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth · Leaflet");
    if (settings.center) {
      map.setView(settings.center, settings.zoom || 6);
    } else {
      map.fitBounds(SAHEL_BOUNDS);
    }
    const url = settings.outlinesUrl || element.dataset.outlines;
    map.outlinesDrawn = url ? drawOutlines(map, url) : Promise.resolve();
    return map;
  }

  /**
   * Draws a GeoJSON FeatureCollection's points as circle markers, replacing those an earlier
   * call drew. Features with a null geometry are skipped. popupFn(feature) returns the
   * popup's HTML or an Element; it is called when the popup first opens.
   * Returns {layer, drawn, notDrawn}.
   */
  function showPoints(map, geojson, popupFn, options) {
    const settings = options || {};
    if (map.sahelPoints) map.removeLayer(map.sahelPoints);
    const features = (geojson && geojson.features) || [];
    const placed = features.filter((f) => f.geometry && f.geometry.type === "Point");
    const layer = L.geoJSON(
      { type: "FeatureCollection", features: placed },
      {
        pointToLayer: (feature, latlng) =>
          L.circleMarker(latlng, (settings.style || pointStyle)(feature)),
        onEachFeature: (feature, marker) => {
          if (popupFn) marker.bindPopup(() => popupFn(feature, marker), { maxWidth: 360 });
          if (settings.tooltipFn) marker.bindTooltip(settings.tooltipFn(feature));
        },
      },
    ).addTo(map);
    map.sahelPoints = layer;
    return { layer: layer, drawn: placed.length, notDrawn: features.length - placed.length };
  }

  function parseCoordinate(text, limit) {
    const value = Number.parseFloat(String(text).trim());
    return Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
  }

  /**
   * Clicking the map writes the point into the two inputs (elements or ids), rounded to five
   * decimals, and moves a marker there; typing into the inputs moves the marker too.
   * Returns {marker(), sync()}: the current marker (or null) and a re-read of the inputs.
   */
  function pickCoordinates(map, latInput, lonInput) {
    const latField = elementOf(latInput);
    const lonField = elementOf(lonInput);
    let marker = null;
    map.getContainer().classList.add("sahel-map-picking");

    function place(latlng) {
      if (!latlng) {
        if (marker) map.removeLayer(marker);
        marker = null;
        return;
      }
      if (!marker) {
        marker = L.circleMarker(latlng, {
          radius: 8,
          color: COLOURS.picked,
          weight: 2,
          fillColor: COLOURS.picked,
          fillOpacity: 0.5,
          interactive: false, // a click beside it must still reach the map
        }).addTo(map);
      } else {
        marker.setLatLng(latlng);
      }
    }

    function typedPoint() {
      const lat = parseCoordinate(latField.value, 90);
      const lon = parseCoordinate(lonField.value, 180);
      return lat === null || lon === null ? null : L.latLng(lat, lon);
    }

    function sync() {
      const latlng = typedPoint();
      place(latlng);
      if (latlng && !map.getBounds().contains(latlng)) map.panTo(latlng);
    }

    map.on("click", (event) => {
      const latlng = event.latlng.wrap();
      latField.value = latlng.lat.toFixed(DECIMALS);
      lonField.value = latlng.lng.toFixed(DECIMALS);
      // The form's own scripts (and the admin's "unsaved changes" checks) see a change.
      for (const field of [latField, lonField]) {
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    for (const field of [latField, lonField]) {
      field.addEventListener("input", sync);
      field.addEventListener("change", sync);
    }
    sync();
    return { marker: () => marker, sync: sync };
  }

  global.SahelMap = {
    SAHEL_BOUNDS: SAHEL_BOUNDS,
    create: create,
    showPoints: showPoints,
    pickCoordinates: pickCoordinates,
    pointStyle: pointStyle,
  };
})(window);
