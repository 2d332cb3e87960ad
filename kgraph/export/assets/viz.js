// kgraph's network page: draws the embedded graph as SVG, no library and no network access.
// Positions come precomputed (x, y in [-1, 1]); the reader can pan (drag the background),
// zoom (wheel), drag nodes, search, and click a node or a link to read about it.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("kgraph-data").textContent);
  var svg = document.getElementById("graph");
  var panel = document.getElementById("panel");
  var nodes = data.nodes, edges = data.edges;
  var LABEL_ALL = 60;  // above this many nodes only the largest are labelled until hovered

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function h(tag, text, parent, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }

  // -- scene -------------------------------------------------------------------------
  var defs = el("defs", {}, svg);
  var marker = el("marker", {id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "9",
                             markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto-start-reverse"}, defs);
  el("path", {d: "M 0 0 L 10 5 L 0 10 z", fill: "#888"}, marker);
  var view = el("g", {id: "viewport"}, svg);
  var edgeLayer = el("g", {"class": "edges"}, view);
  var nodeLayer = el("g", {"class": "nodes"}, view);
  var scale = 1, tx = 0, ty = 0, SPREAD = 420;

  function px(n) { return n.x * SPREAD; }
  function py(n) { return n.y * SPREAD; }

  var maxWeight = 1;
  edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e.weight || 1); });
  var neighbours = nodes.map(function () { return []; });
  edges.forEach(function (e, i) {
    e.line = el("line", {"class": "edge", "stroke-width": (1 + 3 * Math.log(1 + (e.weight || 1)) / Math.log(1 + maxWeight)).toFixed(2)}, edgeLayer);
    if (data.directed) e.line.setAttribute("marker-end", "url(#arrow)");
    e.hit = el("line", {"class": "edge hit", "stroke-width": "9"}, edgeLayer);
    var title = el("title", {}, e.hit);
    title.textContent = nodes[e.s].label + " \u2192 " + nodes[e.t].label + ": " + e.relation + " (" + e.weight + ")";
    e.hit.addEventListener("click", function (ev) { ev.stopPropagation(); selectEdge(i); });
    neighbours[e.s].push(i); neighbours[e.t].push(i);
  });
  var ranked = nodes.map(function (n, i) { return i; }).sort(function (a, b) { return nodes[b].size - nodes[a].size; });
  var labelled = {};
  ranked.slice(0, LABEL_ALL).forEach(function (i) { labelled[i] = true; });
  nodes.forEach(function (n, i) {
    n.g = el("g", {"class": "node" + (labelled[i] ? "" : " small"), "data-id": n.id}, nodeLayer);
    n.circle = el("circle", {r: n.size.toFixed(1), fill: n.colour}, n.g);
    var title = el("title", {}, n.circle);
    title.textContent = n.label + " (" + n.type + ")";
    n.text = el("text", {dx: (n.size + 3).toFixed(1), dy: "4"}, n.g);
    n.text.textContent = n.label;
    n.g.addEventListener("click", function (ev) {
      ev.stopPropagation();
      if (justDragged) { justDragged = false; return; }
      selectNode(i);
    });
    n.g.addEventListener("pointerdown", function (ev) { startDrag(ev, i); });
  });

  function place() {
    nodes.forEach(function (n) { n.g.setAttribute("transform", "translate(" + px(n).toFixed(1) + "," + py(n).toFixed(1) + ")"); });
    edges.forEach(function (e) {
      var a = nodes[e.s], b = nodes[e.t];
      var dx = px(b) - px(a), dy = py(b) - py(a), d = Math.sqrt(dx * dx + dy * dy) || 1;
      var x2 = px(b) - dx / d * (b.size + 2), y2 = py(b) - dy / d * (b.size + 2);
      [e.line, e.hit].forEach(function (l) {
        l.setAttribute("x1", px(a).toFixed(1)); l.setAttribute("y1", py(a).toFixed(1));
        l.setAttribute("x2", (data.directed ? x2 : px(b)).toFixed(1)); l.setAttribute("y2", (data.directed ? y2 : py(b)).toFixed(1));
      });
    });
  }
  function transform() { view.setAttribute("transform", "translate(" + tx + "," + ty + ") scale(" + scale + ")"); }
  function fit() {
    var r = svg.getBoundingClientRect(), w = r.width || 800, hh = r.height || 600;
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    nodes.forEach(function (n) {
      x0 = Math.min(x0, px(n) - n.size); x1 = Math.max(x1, px(n) + n.size + 8 * Math.min(n.label.length, 30));
      y0 = Math.min(y0, py(n) - n.size); y1 = Math.max(y1, py(n) + n.size);
    });
    if (!nodes.length) { x0 = y0 = -1; x1 = y1 = 1; }
    var pad = 30;
    scale = Math.min((w - 2 * pad) / Math.max(x1 - x0, 1), (hh - 2 * pad) / Math.max(y1 - y0, 1), 3);
    tx = w / 2 - scale * (x0 + x1) / 2; ty = hh / 2 - scale * (y0 + y1) / 2;
    transform();
  }

  // -- interaction -------------------------------------------------------------------
  var drag = null, pan = null, justDragged = false;
  function startDrag(ev, i) { ev.stopPropagation(); drag = {i: i, x: ev.clientX, y: ev.clientY, moved: false}; }
  svg.addEventListener("pointerdown", function (ev) { pan = {x: ev.clientX, y: ev.clientY, tx: tx, ty: ty}; svg.classList.add("panning"); });
  window.addEventListener("pointermove", function (ev) {
    if (drag) {
      var n = nodes[drag.i];
      n.x += (ev.clientX - drag.x) / scale / SPREAD; n.y += (ev.clientY - drag.y) / scale / SPREAD;
      drag.x = ev.clientX; drag.y = ev.clientY; drag.moved = true;
      place();
    } else if (pan) {
      tx = pan.tx + ev.clientX - pan.x; ty = pan.ty + ev.clientY - pan.y; transform();
    }
  });
  window.addEventListener("pointerup", function () { justDragged = !!(drag && drag.moved); drag = null; pan = null; svg.classList.remove("panning"); });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect(), mx = ev.clientX - r.left, my = ev.clientY - r.top;
    var k = Math.exp(-ev.deltaY * 0.0015), s2 = Math.max(0.05, Math.min(20, scale * k));
    tx = mx - (mx - tx) * s2 / scale; ty = my - (my - ty) * s2 / scale; scale = s2; transform();
  }, {passive: false});
  svg.addEventListener("click", function () { clearSelection(); });

  function clearSelection() {
    nodes.forEach(function (n) { n.g.classList.remove("selected", "neighbour", "dim"); });
    edges.forEach(function (e) { e.line.classList.remove("active", "dim"); });
    panel.textContent = "";
    h("p", "Click an entity or a link to see its figures, its statements and the evidence.", panel, "hint");
    document.body.removeAttribute("data-selected");
  }
  function highlight(nodeSet, edgeSet) {
    nodes.forEach(function (n, i) { n.g.classList.toggle("dim", !nodeSet[i]); n.g.classList.toggle("neighbour", !!nodeSet[i]); });
    edges.forEach(function (e, i) { e.line.classList.toggle("dim", !edgeSet[i]); e.line.classList.toggle("active", !!edgeSet[i]); });
  }
  function fmt(v) { return typeof v === "number" && !Number.isInteger(v) ? v.toFixed(4) : String(v); }
  function facts(n, parent) {
    var dl = h("dl", null, parent);
    [["type", n.type], ["Wikidata", n.wikidata], ["articles", n.articles], ["first reported", n.first_date],
     ["last reported", n.last_date], ["PageRank", n.pagerank], ["degree", n.degree], ["weighted degree", n.weighted_degree],
     ["betweenness", n.betweenness], ["community", n.community]].forEach(function (kv) {
      if (kv[1] === undefined || kv[1] === null || kv[1] === "") return;
      h("dt", kv[0], dl);
      var dd = h("dd", null, dl);
      if (kv[0] === "Wikidata") {
        var a = h("a", kv[1], dd); a.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(kv[1]); a.target = "_blank"; a.rel = "noopener";
      } else dd.textContent = fmt(kv[1]);
    });
  }
  function statementItem(st, list) {
    var li = h("li", null, list);
    var who = st.speaker !== null ? nodes[st.speaker].label : (st.speaker_text || "unattributed");
    h("strong", who, li);
    h("span", " " + (st.cue || "said") + (st.stance && st.stance !== "Asserts" ? " (" + st.stance + ")" : "") + ":", li);
    h("blockquote", st.text, li);
    if (st.about.length) h("div", "about: " + st.about.map(function (i) { return nodes[i].label; }).join(", "), li, "meta");
    h("div", (st.headline ? st.headline + " \u2014 " : "") + st.article, li, "meta");
  }
  function evidenceList(e, parent) {
    var ul = h("ul", null, parent);
    e.evidence.forEach(function (ev) {
      var li = h("li", null, ul), q = h("blockquote", null, li), ctx = ev.context || "", at = ctx.indexOf(ev.text);
      if (at < 0 || !ev.text) { q.textContent = ctx || ev.text; }
      else {
        q.appendChild(document.createTextNode(ctx.slice(0, at)));
        h("mark", ev.text, q);
        q.appendChild(document.createTextNode(ctx.slice(at + ev.text.length)));
      }
      h("div", ev.article, li, "meta");
    });
    if (!e.evidence.length) h("li", "no text span recorded", ul, "meta");
  }
  function selectNode(i) {
    var n = nodes[i];
    clearSelection();
    panel.textContent = "";
    n.g.classList.add("selected");
    var ns = {}, es = {};
    ns[i] = true;
    neighbours[i].forEach(function (k) { es[k] = true; ns[edges[k].s] = true; ns[edges[k].t] = true; });
    highlight(ns, es);
    var title = h("h2", null, panel);
    var sw = h("span", null, title, "swatch"); sw.style.background = n.colour;
    title.appendChild(document.createTextNode(n.label));
    facts(n, panel);
    var said = data.statements.filter(function (s) { return s.speaker === i; });
    var about = data.statements.filter(function (s) { return s.speaker !== i && s.about.indexOf(i) >= 0; });
    h("h3", "Statements by " + n.label + " (" + said.length + ")", panel);
    var ul = h("ul", null, panel, "statements-by");
    said.forEach(function (s) { statementItem(s, ul); });
    h("h3", "Statements about " + n.label + " (" + about.length + ")", panel);
    ul = h("ul", null, panel, "statements-about");
    about.forEach(function (s) { statementItem(s, ul); });
    h("h3", "Links (" + neighbours[i].length + ")", panel);
    ul = h("ul", null, panel, "links");
    neighbours[i].forEach(function (k) {
      var e = edges[k], li = h("li", null, ul);
      var a = h("a", nodes[e.s].label + " \u2192 " + e.relation + " \u2192 " + nodes[e.t].label + " (" + e.weight + ")", li);
      a.href = "#"; a.addEventListener("click", function (ev) { ev.preventDefault(); selectEdge(k); });
    });
    document.body.setAttribute("data-selected", n.id);
  }
  function selectEdge(k) {
    var e = edges[k];
    clearSelection();
    panel.textContent = "";
    var ns = {}, es = {};
    ns[e.s] = ns[e.t] = true; es[k] = true;
    highlight(ns, es);
    h("h2", nodes[e.s].label + (data.directed ? " \u2192 " : " \u2014 ") + nodes[e.t].label, panel);
    var dl = h("dl", null, panel);
    h("dt", "relation", dl); h("dd", e.relation, dl);
    h("dt", "weight", dl); h("dd", e.weight, dl);
    h("h3", "Evidence", panel);
    evidenceList(e, panel);
    document.body.setAttribute("data-selected", nodes[e.s].id + " " + nodes[e.t].id);
  }

  // -- search, legend, counts --------------------------------------------------------
  var search = document.getElementById("search"), labels = document.getElementById("labels");
  nodes.forEach(function (n) { var o = document.createElement("option"); o.value = n.label; labels.appendChild(o); });
  function find(q) {
    q = q.trim().toLowerCase();
    if (!q) return -1;
    for (var i = 0; i < nodes.length; i++) if (nodes[i].label.toLowerCase() === q) return i;
    for (i = 0; i < ranked.length; i++) if (nodes[ranked[i]].label.toLowerCase().indexOf(q) >= 0) return ranked[i];
    return -1;
  }
  search.addEventListener("change", function () { var i = find(search.value); if (i >= 0) selectNode(i); });
  var legend = document.getElementById("legend");
  Object.keys(data.types).forEach(function (t) {
    var s = h("span", null, legend), sw = h("span", null, s, "swatch");
    sw.style.background = data.types[t]; s.appendChild(document.createTextNode(t || "(no type)"));
  });
  document.getElementById("counts").textContent = nodes.length + " entities, " + edges.length + " links, " +
    data.statements.length + " statements";

  place();
  fit();
  window.addEventListener("resize", fit);
  document.body.setAttribute("data-rendered-nodes", String(nodeLayer.querySelectorAll("circle").length));
  document.body.setAttribute("data-rendered-edges", String(edgeLayer.querySelectorAll("line.edge:not(.hit)").length));
  function fromHash() {
    var m = /^#node=(.+)$/.exec(location.hash);
    if (!m) return;
    var id = decodeURIComponent(m[1]);
    for (var i = 0; i < nodes.length; i++) if (nodes[i].id === id || nodes[i].iri === id) { selectNode(i); return; }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
