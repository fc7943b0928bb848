// byhand's interactive concept map: Cytoscape.js with the fCoSE layout (areas
// as compound nodes), progressively enhancing the progress page.
//
// Bundled by build.mjs into src/byhand/web/static/vendor/conceptmap.js (an IIFE).
// API (see docs/frontend.md):
//
//   window.ByhandConceptMap.mount(element) -> Promise of {cy, element, focus(id), open(id)}
//   window.ByhandConceptMap.maps -> the handles mounted so far
//
// and, when the script loads, every <div data-byhand-concept-map> is mounted.
// The element names its data with data-src (GET, JSON: areas, nodes, edges;
// see docs/web.md) and carries its words in data attributes; inside it,
// [data-map-canvas] is where the graph is drawn, [data-map-info] a live
// region, and buttons with data-map="in|out|fit" zoom. Without JavaScript
// the element stays hidden and the page's list of concepts is the map.
//
// No eval, no inline style sheet: it runs under the app's Content-Security-Policy.

import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

cytoscape.use(fcose);

const STEP = 1.25; // one zoom step (buttons, + and -)
const GREY = "#e6e8eb"; // nothing of the concept studied yet

// Red -> yellow -> green as mastery goes 0 -> 1: the same scale as the SVG
// map and the terminal (byhand.render.progress._colour).
function colour(m) {
  m = Math.max(0, Math.min(1, m));
  let r, g;
  if (m < 0.5) {
    r = 215;
    g = Math.trunc(48 + 2 * m * (190 - 48));
  } else {
    r = Math.trunc(215 - (2 * m - 1) * (215 - 26));
    g = Math.trunc(190 - (2 * m - 1) * (190 - 152));
  }
  const hex = (v) => v.toString(16).padStart(2, "0");
  return `#${hex(r)}${hex(g)}${hex(40)}`;
}

// A small seeded generator, so that the layout (fCoSE starts from random
// positions) is the same on every visit and every machine.
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function withSeededRandom(seed, fn) {
  const saved = Math.random;
  Math.random = seeded(seed);
  try {
    return fn();
  } finally {
    Math.random = saved;
  }
}

function words(el) {
  try {
    return JSON.parse(el.dataset.words || "{}");
  } catch (e) {
    return {};
  }
}

function percent(m) {
  return `${Math.round(m * 100)}%`;
}

function elements(data) {
  const out = [];
  for (const a of data.areas) {
    out.push({
      group: "nodes",
      data: { id: `area:${a.id}`, area: true, label: `${a.title} \u00b7 ${percent(a.mastery)}`, title: a.title },
      classes: "area",
    });
  }
  const known = new Set();
  const area = {};
  for (const n of data.nodes) {
    known.add(n.id);
    area[n.id] = n.area;
    out.push({
      group: "nodes",
      data: {
        id: n.id,
        parent: `area:${n.area}`,
        label: n.title,
        title: n.title,
        mastery: n.mastery,
        state: n.label,
        url: n.url,
        fill: n.label === "new" ? GREY : colour(n.mastery),
      },
      classes: `concept ${n.label}`,
      pannable: true, // a drag that starts on a concept pans the map too (a tap opens it)
    });
  }
  data.edges.forEach((e, i) => {
    if (known.has(e.source) && known.has(e.target)) {
      const cross = area[e.source] !== area[e.target];
      out.push({ group: "edges", data: { id: `e${i}`, source: e.source, target: e.target }, classes: cross ? "cross" : "" });
    }
  });
  return out;
}

function style(font) {
  return [
    {
      selector: "node.concept",
      style: {
        width: 22,
        height: 22,
        "background-color": "data(fill)",
        "border-width": 1,
        "border-color": "#57606a",
        label: "data(label)",
        "font-family": font,
        "font-size": 11,
        color: "#1f2328",
        "text-valign": "bottom",
        "text-halign": "center",
        "text-margin-y": 3,
        "text-wrap": "wrap",
        "text-max-width": 120,
        "min-zoomed-font-size": 6,
      },
    },
    { selector: "node.concept.new", style: { "border-color": "#8c959f" } },
    { selector: "node.concept.due", style: { "border-width": 3, "border-color": "#0550ae" } },
    {
      selector: "node.area",
      style: {
        shape: "round-rectangle",
        events: "no", // a drag anywhere in an area pans the map
        "background-color": "#f6f8fa",
        "background-opacity": 1,
        "border-width": 1,
        "border-color": "#d0d7de",
        padding: 14,
      },
    },
    {
      selector: "edge",
      style: {
        width: 1,
        "line-color": "#afb8c1",
        "target-arrow-color": "#afb8c1",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.7,
        "curve-style": "straight",
        opacity: 0.8,
      },
    },
    { selector: "edge.cross", style: { opacity: 0.2 } },
    {
      selector: "edge.near",
      style: { width: 2, "line-color": "#0550ae", "target-arrow-color": "#0550ae", opacity: 1, "z-index": 10 },
    },
    {
      selector: "node.concept.focused",
      style: {
        "overlay-color": "#0969da",
        "overlay-opacity": 0.3,
        "overlay-padding": 7,
        color: "#0550ae",
        "z-index": 20,
      },
    },
  ];
}

// Each area is laid out on its own (fCoSE, on the area's concepts and the
// prerequisite edges between them), then the areas are placed in rows in the
// curriculum's order, so that they never overlap; the edges between areas are
// drawn but do not pull the areas into one tangle.
const AREA_LAYOUT = {
  name: "fcose",
  quality: "default",
  randomize: true,
  animate: false,
  fit: false,
  nodeDimensionsIncludeLabels: true,
  packComponents: true,
  nodeRepulsion: () => 2500,
  idealEdgeLength: () => 40,
  edgeElasticity: () => 0.45,
  nodeSeparation: 40,
  gravity: 0.6,
  gravityRange: 2.5,
  numIter: 1500,
  tile: true,
  tilingPaddingVertical: 14,
  tilingPaddingHorizontal: 14,
};
const AREA_GAP = 90;

function layout(cy, aspect) {
  const boxes = [];
  cy.nodes(".area").forEach((area, i) => {
    const kids = area.children();
    withSeededRandom(13 + i, () => kids.union(kids.edgesWith(kids)).layout(AREA_LAYOUT).run());
    const bb = kids.boundingBox({ includeLabels: true });
    boxes.push({ kids, bb });
  });
  // Rows as wide as makes the whole about the shape of the screen.
  const area = boxes.reduce((s, b) => s + (b.bb.w + AREA_GAP) * (b.bb.h + AREA_GAP), 0);
  const width = Math.max(Math.sqrt(area * aspect) * 1.25, ...boxes.map((b) => b.bb.w));
  let x = 0;
  let y = 0;
  let rowH = 0;
  for (const b of boxes) {
    if (x > 0 && x + b.bb.w > width) {
      x = 0;
      y += rowH + AREA_GAP;
      rowH = 0;
    }
    b.kids.shift({ x: x - b.bb.x1, y: y - b.bb.y1 });
    x += b.bb.w + AREA_GAP;
    rowH = Math.max(rowH, b.bb.h);
  }
  cy.fit(undefined, 16);
}

// The concept nearest `from` in a direction ("ArrowRight" ...): ahead of it,
// preferring the straight line.
function nearest(nodes, from, key) {
  const p = from.position();
  let best = null;
  let bestScore = Infinity;
  nodes.forEach((n) => {
    if (n === from) return;
    const q = n.position();
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const ahead = { ArrowRight: dx, ArrowLeft: -dx, ArrowDown: dy, ArrowUp: -dy }[key];
    const aside = key === "ArrowRight" || key === "ArrowLeft" ? Math.abs(dy) : Math.abs(dx);
    if (ahead <= 0.5) return;
    const score = ahead + 2.5 * aside;
    if (score < bestScore) {
      bestScore = score;
      best = n;
    }
  });
  return best;
}

async function mount(el) {
  if (el.byhandMap) return el.byhandMap;
  const canvas = el.querySelector("[data-map-canvas]");
  const info = el.querySelector("[data-map-info]");
  const w = words(el);
  const say = (text) => {
    if (info) info.textContent = text;
  };
  let data;
  try {
    const r = await fetch(el.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    data = await r.json();
  } catch (e) {
    el.hidden = false;
    canvas.hidden = true;
    say(w.failed || "The map could not be loaded.");
    el.dataset.state = "failed";
    throw e;
  }

  el.hidden = false; // the canvas needs its size before Cytoscape starts
  const font = getComputedStyle(document.body).fontFamily || "sans-serif";
  const cy = cytoscape({
    container: canvas,
    elements: elements(data),
    style: style(font),
    layout: { name: "preset" },
    minZoom: 0.08,
    maxZoom: 4,
    boxSelectionEnabled: false,
    autoungrabify: true,
    autounselectify: true,
  });
  const t0 = performance.now();
  layout(cy, Math.max(0.5, Math.min(2.5, cy.width() / Math.max(1, cy.height()))));
  el.dataset.layoutMs = String(Math.round(performance.now() - t0));

  // The areas' names are HTML over the canvas, the same size at any zoom
  // (Cytoscape's own labels on compound nodes were clipped at some zooms).
  const names = el.querySelector("[data-map-names]");
  const areaNames = [];
  if (names) {
    names.textContent = "";
    cy.nodes(".area").forEach((a) => {
      const div = document.createElement("div");
      div.className = "map-area-name";
      div.textContent = a.data("label");
      names.appendChild(div);
      areaNames.push([a, div]);
    });
  }
  const placeNames = () => {
    for (const [a, div] of areaNames) {
      const bb = a.renderedBoundingBox({ includeLabels: false });
      div.style.transform = `translate(${Math.round((bb.x1 + bb.x2) / 2)}px, ${Math.round(bb.y1)}px) translate(-50%, -100%)`;
      div.style.maxWidth = `${Math.max(80, Math.round(bb.x2 - bb.x1 + 40))}px`;
    }
  };
  cy.on("viewport resize", placeNames);

  const fitAll = () => cy.fit(undefined, 30); // room above the first row for its names
  fitAll();
  placeNames();

  const concepts = cy.nodes(".concept");
  let focused = null;
  const describe = (n) =>
    `${n.data("title")} \u00b7 ${n.parent().data("title")} \u00b7 ${percent(n.data("mastery"))} \u00b7 ${
      (w.labels || {})[n.data("state")] || n.data("state")
    }`;
  const highlight = (n) => {
    cy.edges(".near").removeClass("near");
    if (n) n.connectedEdges().addClass("near");
  };
  const open = (id) => {
    const n = cy.getElementById(id);
    if (n.nonempty() && n.data("url")) window.location.assign(n.data("url"));
  };
  const zoomBy = (factor) => {
    const level = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), cy.zoom() * factor));
    cy.zoom({ level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const focus = (id) => {
    const n = typeof id === "string" ? cy.getElementById(id) : id;
    if (!n || n.empty() || !n.hasClass("concept")) return;
    if (focused) focused.removeClass("focused");
    focused = n;
    n.addClass("focused");
    highlight(n);
    el.dataset.focused = n.id();
    if (cy.zoom() < 1) cy.zoom(1);
    const p = n.renderedPosition();
    if (p.x < 40 || p.y < 40 || p.x > cy.width() - 40 || p.y > cy.height() - 40) cy.center(n);
    say(describe(n));
  };

  cy.on("tap", "node.concept", (e) => open(e.target.id()));
  cy.on("mouseover", "node.concept", (e) => {
    canvas.style.cursor = "pointer";
    highlight(e.target);
    say(describe(e.target));
  });
  cy.on("mouseout", "node.concept", () => {
    canvas.style.cursor = "";
    highlight(focused);
  });

  canvas.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    if (k.startsWith("Arrow")) {
      if (!focused) {
        // Start with the concept nearest the middle of what is on screen.
        const ext = cy.extent();
        const mid = { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
        let best = null;
        let d = Infinity;
        concepts.forEach((n) => {
          const q = n.position();
          const dd = (q.x - mid.x) ** 2 + (q.y - mid.y) ** 2;
          if (dd < d) {
            d = dd;
            best = n;
          }
        });
        focus(best);
      } else {
        const n = nearest(concepts, focused, k);
        if (n) focus(n);
      }
    } else if ((k === "Enter" || k === " ") && focused) {
      open(focused.id());
    } else if (k === "+" || k === "=") {
      zoomBy(STEP);
    } else if (k === "-" || k === "_") {
      zoomBy(1 / STEP);
    } else if (k === "0") {
      fitAll();
    } else if (k === "Escape" && focused) {
      focused.removeClass("focused");
      focused = null;
      highlight(null);
      delete el.dataset.focused;
      say("");
    } else {
      return;
    }
    e.preventDefault();
  });

  el.querySelectorAll("button[data-map]").forEach((b) => {
    b.addEventListener("click", () => {
      const what = b.dataset.map;
      if (what === "in") zoomBy(STEP);
      else if (what === "out") zoomBy(1 / STEP);
      else fitAll();
    });
  });

  // The plain list stays on the page (and in the accessibility tree), folded.
  if (el.dataset.list) {
    const list = document.getElementById(el.dataset.list);
    if (list && list.tagName === "DETAILS") list.open = false;
  }

  const handle = { cy, element: el, focus, open };
  el.byhandMap = handle;
  el.dataset.nodes = String(concepts.length);
  el.dataset.state = "ready";
  maps.push(handle);
  return handle;
}

const maps = [];

function mountAll(root = document) {
  return Array.from(root.querySelectorAll("[data-byhand-concept-map]")).map((el) =>
    mount(el).catch(() => null),
  );
}

window.ByhandConceptMap = { mount, mountAll, maps };

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mountAll());
} else {
  mountAll();
}
