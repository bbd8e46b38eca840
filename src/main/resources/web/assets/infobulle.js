// A map tooltip's text, for the pages that draw addresses or polling places on a Leaflet map (canvassing, turf cutting).
// Leaflet puts a tooltip's string in as markup, and these names come from imported files: they go in as text.
// The canvassing page works offline: this file is in its service worker's cache (web/worker/porte-a-porte-sw.js).
(() => {
  'use strict';
  window.terrainTooltip = Object.freeze({
    asText(text) {
      const span = document.createElement('span');
      span.textContent = text;
      return span;
    },
  });
})();
