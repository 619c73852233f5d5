/* Bring the briefing's charts to life. Each <figure class="bf-chart"> shows its chart drawn at
   build time (SVG, no script needed) and holds its Plotly figure as a JSON block. This loader,
   the only script a chart page loads up front, fetches plotly.js (the URL in its data-plotly
   attribute) the first time a reader points at or touches a chart, then redraws that chart
   with hover labels; it follows Material's light/dark scheme and resizes with the window.
   No inline script is needed, so a strict CSP can allow only the site's own files. */
(function () {
  "use strict";

  var PLOTLY_SRC = document.currentScript ? document.currentScript.getAttribute("data-plotly") : null;
  var THEMES = {
    "default": { font: "rgba(0, 0, 0, 0.87)", grid: "rgba(0, 0, 0, 0.12)" },
    "slate": { font: "rgba(226, 228, 237, 0.87)", grid: "rgba(226, 228, 237, 0.18)" }
  };
  var CONFIG = { responsive: true, displayModeBar: false, displaylogo: false, scrollZoom: false };

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "slate" : "default";
  }

  /* The layout changes that colour a figure for the current scheme, as relayout paths. */
  function themeUpdate(layout) {
    var colours = THEMES[scheme()];
    var update = { "font.color": colours.font };
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        update[key + ".gridcolor"] = colours.grid;
        update[key + ".linecolor"] = colours.grid;
        if (layout[key] && layout[key].minor) update[key + ".minor.gridcolor"] = colours.grid;
      }
    });
    return update;
  }

  /* Apply relayout paths ("font.color") to a layout object before the first draw. */
  function applyPaths(layout, update) {
    Object.keys(update).forEach(function (path) {
      var keys = path.split("."), target = layout;
      keys.slice(0, -1).forEach(function (key) {
        target = target[key] = target[key] || {};
      });
      target[keys[keys.length - 1]] = update[path];
    });
    return layout;
  }

  var waiting = null; /* callbacks for when plotly.js has loaded; null until it is asked for */

  /* Run a callback once plotly.js is there, fetching it the first time. */
  function withPlotly(callback) {
    if (typeof Plotly !== "undefined") return callback();
    if (waiting) return waiting.push(callback);
    waiting = [callback];
    var script = document.createElement("script");
    script.src = PLOTLY_SRC;
    script.onload = function () { waiting.splice(0).forEach(function (run) { run(); }); };
    script.onerror = function () { waiting = null; }; /* the drawing stays, and the next reach tries again */
    document.head.appendChild(script);
  }

  function draw(figure) {
    var plot = figure.querySelector(".bf-chart-plot");
    var spec = figure.querySelector("script.bf-chart-spec");
    if (!plot || !spec || plot.getAttribute("data-bf-drawn")) return;
    plot.setAttribute("data-bf-drawn", "true");
    Array.prototype.forEach.call(plot.querySelectorAll(".bf-chart-static"), function (drawing) { drawing.remove(); });
    var data = JSON.parse(spec.textContent);
    var config = CONFIG;
    if (data.locale) {
      /* The briefing's language: month and day names of date axes, number separators (generated from Babel). */
      Plotly.register(data.locale);
      config = Object.assign({}, CONFIG, { locale: data.locale.name });
    }
    Plotly.newPlot(plot, data.data, applyPaths(data.layout, themeUpdate(data.layout)), config);
  }

  /* Redraw a chart with Plotly the first time a pointer (mouse, pen or finger) reaches it. */
  function arm(figure) {
    var plot = figure.querySelector(".bf-chart-plot");
    if (!plot || !PLOTLY_SRC || plot.getAttribute("data-bf-armed")) return;
    plot.setAttribute("data-bf-armed", "true");
    plot.addEventListener("pointerenter", function () {
      withPlotly(function () { draw(figure); });
    }, { passive: true }); /* not once: after a failed fetch, the next reach tries again; a drawn chart is left as it is */
  }

  function armAll() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.bf-chart"), arm);
  }

  function retheme() {
    Array.prototype.forEach.call(document.querySelectorAll(".bf-chart-plot[data-bf-drawn]"), function (plot) {
      if (plot.layout) Plotly.relayout(plot, themeUpdate(plot.layout));
    });
  }

  function start() {
    /* With Material's instant navigation, document$ announces every new page. */
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(armAll);
    } else {
      armAll();
    }
    new MutationObserver(retheme).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  if (window.bfChartsStarted) {
    armAll();
  } else {
    window.bfChartsStarted = true;
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }
})();
