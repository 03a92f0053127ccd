// graphwarden's module graph view: layout (d3-force), drawing (SVG), search,
// focus, highlighted paths and links into the editor. Everything it shows comes
// from the JSON in #graph-data; names come from a repository's files, so text is
// only ever set with textContent (never parsed as HTML).
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const SEP = "\u0000";

  // -- the data ----------------------------------------------------------------------
  const nodes = data.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    lang: n.lang,
    file: n.file,
    band: n.band,
    members: n.members.map((i) => data.modules[i][0]),
    r: n.kind === "module" ? 6 : Math.min(22, 6 + 2.2 * Math.sqrt(n.members.length)),
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links = data.edges.map((e) => ({
    source: e.s, target: e.t, s: e.s, t: e.t, weight: e.w, sites: e.sites, key: e.s + SEP + e.t,
  }));
  const linkByKey = new Map(links.map((l) => [l.key, l]));
  const outgoing = new Map(nodes.map((n) => [n.id, []]));
  const incoming = new Map(nodes.map((n) => [n.id, []]));
  for (const l of links) {
    outgoing.get(l.s).push(l);
    incoming.get(l.t).push(l);
  }
  const pathById = new Map(data.paths.map((p) => [p.id, p]));
  const pathsOfEdge = new Map();
  const pathsOfNode = new Map();
  for (const p of data.paths) {
    for (const [s, t] of p.edges) push(pathsOfEdge, s + SEP + t, p);
    for (const n of p.nodes) push(pathsOfNode, n, p);
  }

  function push(map, key, value) {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  // -- links into the editor ---------------------------------------------------------
  // {path} is absolute and always starts with "/" (a Windows root C:/x gives
  // /C:/x), so "vscode://file{path}" is right on every system; each segment is
  // percent-encoded, so a "#" or "?" in a file name stays part of the path.
  const encodePath = (path) => path.split("/").map(encodeURIComponent).join("/");
  function sourceHref(file, line, column) {
    const root = data.root.replace(/\/+$/, "");
    let absolute = root + "/" + file;
    if (!absolute.startsWith("/")) absolute = "/" + absolute;
    return data.linkTemplate.replace(/\{(path|file|line|column)\}/g, (_, key) => {
      if (key === "path") return encodePath(absolute).replace(/^\/([A-Za-z])%3A\//, "/$1:/");
      if (key === "file") return encodePath(file);
      return String(key === "line" ? line : column);
    });
  }

  function sourceLink(file, line, column, text) {
    const a = el("a", "source-link", text || `${file}:${line}:${column}`);
    a.href = sourceHref(file, line, column);
    return a;
  }

  // Links written by the report (static HTML) get their address the same way.
  function fillSourceLinks(root) {
    for (const a of root.querySelectorAll("a.source-link[data-file]")) {
      a.href = sourceHref(a.dataset.file, Number(a.dataset.line), Number(a.dataset.column));
    }
  }

  // -- layout ------------------------------------------------------------------------
  const banded = data.bands.length > 0;
  const rows = [];
  // Labels run to the right of a node: room for about half of one keeps
  // neighbours' labels apart without spreading the graph too far.
  const room = (n) => n.r + 8 + Math.min(90, n.id.length * 3);

  function layout() {
    const rowOf = (n) => (banded ? (n.band === null ? data.bands.length : n.band) : 0);
    const members = new Map();
    const area = new Map();
    for (const n of nodes) {
      n.row = rowOf(n);
      push(members, n.row, n);
      // Circles pack at well under full density: twice their area is the room a row needs.
      area.set(n.row, (area.get(n.row) || 0) + 2 * Math.PI * room(n) ** 2);
    }
    const total = [...area.values()].reduce((a, b) => a + b, 0);
    const width = Math.max(600, Math.sqrt(total * 1.6));
    const rowCount = banded ? data.bands.length + (members.has(data.bands.length) ? 1 : 0) : 1;
    let top = 0;
    for (let i = 0; i < rowCount; i++) {
      const height = banded ? Math.max(110, (area.get(i) || 0) / width + 60) : width / 1.6;
      rows.push({ top, height, center: top + height / 2 });
      top += height;
    }
    // Start on a grid in each row, in name order (a package's modules side by
    // side): the simulation then only untangles, and the same data always
    // gives the same picture.
    for (const [i, list] of members) {
      const row = rows[i];
      const cols = Math.max(1, Math.round(Math.sqrt((list.length * width) / row.height)));
      const lines = Math.ceil(list.length / cols);
      list.forEach((n, j) => {
        n.x = -width / 2 + ((j % cols) + 0.5) * (width / cols);
        n.y = row.top + (Math.floor(j / cols) + 0.5) * (row.height / lines);
      });
    }
    // Fewer, faster-cooling steps for big graphs keep the page interactive
    // within its budget (2 s for Django's packages on a 2-core machine).
    const ticks = nodes.length > 1500 ? 70 : nodes.length > 400 ? 120 : 200;
    const simulation = d3
      .forceSimulation(nodes)
      .alphaDecay(1 - Math.pow(0.001, 1 / ticks))
      .force("link", d3.forceLink(links).id((d) => d.id).distance((l) => 50 + l.source.r + l.target.r))
      .force("charge", d3.forceManyBody().strength(-260).distanceMax(600))
      .force("collide", d3.forceCollide(room))
      .force("x", d3.forceX(0).strength(0.04))
      .force("y", d3.forceY((d) => rows[d.row].center).strength(banded ? 0.3 : 0.04))
      .stop();
    const labelRoom = Math.max(20, width / 60);  // below the band's name
    for (let i = 0; i < ticks; i++) {
      simulation.tick();
      if (banded) {
        for (const n of nodes) {
          const row = rows[n.row];
          n.y = Math.max(row.top + n.r + labelRoom, Math.min(row.top + row.height - n.r - 8, n.y));
        }
      }
    }
  }

  // -- drawing -----------------------------------------------------------------------
  const svg = d3.select("#canvas");
  const viewport = d3.select("#viewport");
  let nodeSel;
  let edgeSel;

  function edgePath(l) {
    const a = l.source;
    const b = l.target;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    // A slight bend, always to the same side: a -> b and b -> a stay apart.
    const bend = Math.min(40, len * 0.12);
    const cx = (a.x + b.x) / 2 - (dy / len) * bend;
    const cy = (a.y + b.y) / 2 + (dx / len) * bend;
    const ex = b.x - cx;
    const ey = b.y - cy;
    const elen = Math.hypot(ex, ey) || 1;
    const tx = b.x - (ex / elen) * (b.r + 3);
    const ty = b.y - (ey / elen) * (b.r + 3);
    return `M${a.x.toFixed(1)},${a.y.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`;
  }

  function draw() {
    const xs = nodes.map((n) => n.x);
    const minX = Math.min(...xs, 0) - 140;
    const maxX = Math.max(...xs, 0) + 220;
    if (banded) {
      const bandSel = d3.select("#bands").selectAll("g").data(rows).join("g")
        .attr("class", (_, i) => (i < data.bands.length ? "band" : "band outside"))
        .attr("data-band", (_, i) => i);
      bandSel.append("rect").attr("x", minX).attr("y", (r) => r.top)
        .attr("width", maxX - minX).attr("height", (r) => r.height);
      // Band names stay legible when a big graph is zoomed out to fit.
      const size = Math.max(13, (maxX - minX) / 80);
      bandSel.append("text").attr("x", minX + 10).attr("y", (r) => r.top + size + 4)
        .style("font-size", `${size.toFixed(1)}px`)
        .text((_, i) => (i < data.bands.length
          ? `layer ${i + 1}: ${data.bands[i].name}`
          : "outside the layers"));
    }
    edgeSel = d3.select("#edges").selectAll("path").data(links).join("path")
      .attr("class", (l) => "edge" + (pathsOfEdge.has(l.key) ? " violating" : "") + (l.weight === 0 ? " path-only" : ""))
      .attr("data-source", (l) => l.s)
      .attr("data-target", (l) => l.t)
      .attr("stroke-width", (l) => Math.min(6, 1 + Math.log2(Math.max(1, l.weight))).toFixed(2))
      .attr("d", edgePath)
      .on("click", (event, l) => { event.stopPropagation(); selectEdge(l); });
    edgeSel.append("title").text((l) => `${l.s} → ${l.t}: ${l.weight} import${l.weight === 1 ? "" : "s"}`);
    nodeSel = d3.select("#nodes").selectAll("g").data(nodes).join("g")
      .attr("class", (n) => `node kind-${n.kind} lang-${n.lang}` + (pathsOfNode.has(n.id) ? " in-violation" : ""))
      .attr("data-id", (n) => n.id)
      .attr("tabindex", 0)
      .attr("transform", (n) => `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`)
      .on("click", (event, n) => { event.stopPropagation(); setSelection({ focus: [n.id] }); })
      .on("keydown", (event, n) => { if (event.key === "Enter") setSelection({ focus: [n.id] }); });
    nodeSel.append("circle").attr("r", (n) => n.r);
    nodeSel.append("text").attr("x", (n) => n.r + 4).attr("dy", "0.35em").text((n) => n.id);
    nodeSel.append("title").text((n) => (n.members.length > 1 ? `${n.id} (${n.members.length} modules)` : n.id));
    svg.classed("many", nodes.length > 250);
  }

  // -- zoom --------------------------------------------------------------------------
  const zoom = d3.zoom().scaleExtent([0.03, 8]).on("zoom", (event) => {
    viewport.attr("transform", event.transform);
    svg.classed("zoomed-in", event.transform.k >= 1.4);
  });
  svg.call(zoom).on("dblclick.zoom", null);
  svg.on("click", () => setSelection({}));

  function zoomTo(ids, animate) {
    const chosen = ids.length ? ids.map((id) => byId.get(id)).filter(Boolean) : nodes;
    const box = svg.node().getBoundingClientRect();
    if (!chosen.length || !box.width || !box.height) return;
    let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
    for (const n of chosen) {
      x0 = Math.min(x0, n.x - n.r); x1 = Math.max(x1, n.x + n.r + 120);
      y0 = Math.min(y0, n.y - n.r - 10); y1 = Math.max(y1, n.y + n.r + 10);
    }
    if (!ids.length && banded) { y0 = Math.min(y0, 0); y1 = Math.max(y1, rows[rows.length - 1].top + rows[rows.length - 1].height); }
    const k = Math.max(0.03, Math.min(1.5, 0.92 / Math.max((x1 - x0) / box.width, (y1 - y0) / box.height)));
    const t = d3.zoomIdentity.translate(box.width / 2, box.height / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
    (animate ? svg.transition().duration(350) : svg).call(zoom.transform, t);
  }

  // -- state: focus, path, search ----------------------------------------------------
  // focus: node ids (a package can match several nodes); path: a highlighted path's id.
  const state = { focus: [], path: null, edge: null, query: "" };

  function matches(n, q) {
    return n.id.toLowerCase().includes(q) || n.members.some((m) => m.toLowerCase().includes(q));
  }

  function apply() {
    const focused = new Set(state.focus);
    const focus = state.focus.length ? byId.get(state.focus[0]) : null;
    const dependencies = new Set(state.focus.flatMap((id) => outgoing.get(id).map((l) => l.t)));
    const dependents = new Set(state.focus.flatMap((id) => incoming.get(id).map((l) => l.s)));
    const path = state.path ? pathById.get(state.path) : null;
    const pathNodes = new Set(path ? path.nodes : []);
    const pathEdges = new Set(path ? path.edges.map(([s, t]) => s + SEP + t) : []);
    const q = state.query.trim().toLowerCase();
    const matched = new Set(q ? nodes.filter((n) => matches(n, q)).map((n) => n.id) : []);
    const visible = (id) =>
      (!focus || focused.has(id) || dependencies.has(id) || dependents.has(id)) &&
      (!path || pathNodes.has(id)) &&
      (!q || matched.has(id));
    nodeSel.each(function (n) {
      const c = this.classList;
      c.toggle("focus", focused.has(n.id));
      c.toggle("dependency", dependencies.has(n.id));
      c.toggle("dependent", dependents.has(n.id));
      c.toggle("on-path", pathNodes.has(n.id));
      c.toggle("match", matched.has(n.id));
      c.toggle("faded", !visible(n.id));
      c.toggle("emphasis", focused.has(n.id) || dependencies.has(n.id) ||
        dependents.has(n.id) || pathNodes.has(n.id) || matched.has(n.id));
    });
    edgeSel.each(function (l) {
      const c = this.classList;
      const touches = focused.has(l.s) || focused.has(l.t);
      c.toggle("focus-out", focused.has(l.s));
      c.toggle("focus-in", focused.has(l.t));
      c.toggle("on-path", pathEdges.has(l.key));
      c.toggle("selected", state.edge === l.key);
      c.toggle("faded", !visible(l.s) || !visible(l.t) || (focus !== null && !touches) ||
        (path !== null && !pathEdges.has(l.key)));
    });
    for (const li of document.querySelectorAll("#path-list li")) {
      const selected = li.dataset.path === state.path;
      li.classList.toggle("selected", selected);
      if (selected) li.closest("details").open = true;
    }
    renderSearchResults(q, matched);
    renderDetails(focus, path);
    const parts = [`${nodes.length} nodes`, `${links.length} edges`];
    if (data.depth !== null) parts.push(`depth ${data.depth}`);
    if (data.paths.length) parts.push(`${data.paths.length} highlighted`);
    document.getElementById("summary").textContent = parts.join(" · ");
  }

  function setSelection(selection, options) {
    state.focus = (selection.focus || []).filter((id) => byId.has(id));
    state.path = selection.path && pathById.has(selection.path) ? selection.path : null;
    state.edge = selection.edge || null;
    const hash = state.focus.length ? "#" + state.focus.map((id) => "focus=" + encodeURIComponent(id)).join("&")
      : state.path ? "#path=" + encodeURIComponent(state.path) : "";
    if (!(options && options.fromHash) && location.hash !== hash) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
    apply();
    if (state.focus.length) {
      const around = state.focus.flatMap((id) => [id, ...outgoing.get(id).map((l) => l.t), ...incoming.get(id).map((l) => l.s)]);
      zoomTo(around, !(options && options.instant));
    } else if (state.path) {
      const p = pathById.get(state.path);
      if (p.nodes.length) zoomTo(p.nodes, !(options && options.instant));
    }
  }

  function selectEdge(l) {
    setSelection({ edge: l.key });
  }

  // #focus=ID(&focus=ID...) or #path=ID: shareable, and how the report links into the graph.
  function fromHash(options) {
    const pairs = location.hash.replace(/^#/, "").split("&").filter(Boolean).map((part) => {
      const i = part.indexOf("=");
      return [part.slice(0, i), decodeURIComponent(part.slice(i + 1))];
    });
    const focus = pairs.filter(([k]) => k === "focus").map(([, v]) => v);
    const path = pairs.find(([k]) => k === "path");
    if (!focus.length && !path) return false;
    setSelection(focus.length ? { focus } : { path: path[1] }, { fromHash: true, ...options });
    return true;
  }

  // -- panels ------------------------------------------------------------------------
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function nodeButton(id, extra) {
    const li = el("li");
    const b = el("button", "link", id);
    b.type = "button";
    b.dataset.node = id;
    b.addEventListener("click", () => setSelection({ focus: [id] }));
    li.append(b);
    if (extra !== undefined) li.append(el("span", "weight", extra));
    return li;
  }

  function edgeList(title, list, other) {
    const frag = document.createDocumentFragment();
    frag.append(el("h2", "", `${title} (${list.length})`));
    const ul = el("ul", "plain");
    for (const l of [...list].sort((a, b) => b.weight - a.weight || other(a).localeCompare(other(b)))) {
      ul.append(nodeButton(other(l), `×${l.weight}`));
    }
    frag.append(ul);
    return frag;
  }

  function pathSummary(p, withRule) {
    const frag = document.createDocumentFragment();
    frag.append(el("span", `sev sev-${p.severity}`, p.severity));
    if (withRule !== false) frag.append(el("strong", "", p.rule));
    frag.append(el("span", "hop-message", p.message));
    return frag;
  }

  function renderDetails(focus, path) {
    const box = document.getElementById("details");
    box.replaceChildren();
    if (focus && state.focus.length > 1) {
      box.append(el("h3", "", `${state.focus.length} nodes in focus`));
      const ul = el("ul", "plain");
      for (const id of state.focus) ul.append(nodeButton(id));
      box.append(ul);
    } else if (focus) {
      box.append(el("h3", "", focus.id));
      box.append(el("p", "kv", `${focus.kind} · ${focus.lang}` +
        (focus.band !== null ? ` · layer ${focus.band + 1}: ${data.bands[focus.band].name}` : "")));
      if (focus.file) {
        const p = el("p");
        p.append(sourceLink(focus.file, 1, 1, `open ${focus.file}`));
        box.append(p);
      }
      if (focus.members.length > 1) {
        const d = el("details");
        d.append(el("summary", "", `${focus.members.length} modules`));
        const ul = el("ul", "plain");
        for (const m of focus.members) ul.append(el("li", "", m));
        d.append(ul);
        box.append(d);
      }
      box.append(edgeList("Dependencies", outgoing.get(focus.id), (l) => l.t));
      box.append(edgeList("Dependents", incoming.get(focus.id), (l) => l.s));
      const through = pathsOfNode.get(focus.id) || [];
      if (through.length) {
        box.append(el("h2", "", `Highlighted paths here (${through.length})`));
        const ul = el("ul", "plain");
        for (const p of through) ul.append(pathButton(p));
        box.append(ul);
      }
    } else if (path) {
      box.append(pathSummary(path));
      const where = el("p");
      where.append(sourceLink(path.file, path.line, path.column));
      box.append(where);
      if (path.hops.length) {
        box.append(el("h2", "", `Chain (${path.hops.length} import${path.hops.length === 1 ? "" : "s"})`));
        const ol = el("ol", "hops");
        for (const h of path.hops) {
          const li = el("li");
          li.append(sourceLink(h.file, h.line, h.column), el("span", "hop-message", h.message));
          ol.append(li);
        }
        box.append(ol);
      }
    } else if (state.edge && linkByKey.has(state.edge)) {
      const l = linkByKey.get(state.edge);
      box.append(el("h3", "", `${l.s} → ${l.t}`));
      box.append(el("p", "kv", `${l.weight} import statement${l.weight === 1 ? "" : "s"}`));
      const ol = el("ol", "hops");
      const limit = 200;
      for (const [importer, imported, line, column] of l.sites.slice(0, limit)) {
        const li = el("li");
        li.append(sourceLink(data.modules[importer][1], line, column),
          el("span", "hop-message", `${data.modules[importer][0]} imports ${data.modules[imported][0]}`));
        ol.append(li);
      }
      box.append(ol);
      if (l.sites.length > limit) box.append(el("p", "kv", `and ${l.sites.length - limit} more`));
      const along = pathsOfEdge.get(l.key) || [];
      if (along.length) {
        box.append(el("h2", "", `Highlighted paths along it (${along.length})`));
        const ul = el("ul", "plain");
        for (const p of along) ul.append(pathButton(p));
        box.append(ul);
      }
    } else {
      box.append(el("p", "hint", "Click a module to focus on it with its dependencies and dependents; click an arrow for its import statements."));
    }
  }

  function pathButton(p, withRule) {
    const b = el("button", "link");
    b.type = "button";
    b.dataset.path = p.id;
    b.append(pathSummary(p, withRule));
    b.addEventListener("click", (event) => { event.stopPropagation(); setSelection({ path: p.id }); });
    const li = el("li");
    li.dataset.path = p.id;
    li.append(b);
    return li;
  }

  // Grouped by rule, most severe first; a long group starts closed.
  const RANK = { error: 0, warning: 1, info: 2 };
  function renderPaths() {
    const list = document.getElementById("path-list");
    const byRule = new Map();
    for (const p of data.paths) push(byRule, p.rule, p);
    const worst = (ps) => Math.min(...ps.map((p) => RANK[p.severity] ?? 0));
    const rules = [...byRule.keys()].sort((a, b) => worst(byRule.get(a)) - worst(byRule.get(b)) || a.localeCompare(b));
    for (const rule of rules) {
      const group = byRule.get(rule);
      const details = el("details", "rule-paths");
      details.dataset.rule = rule;
      details.open = group.length <= 15;
      details.append(el("summary", "", `${rule} (${group.length})`));
      const ol = el("ol", "plain");
      for (const p of group) ol.append(pathButton(p, false));
      details.append(ol);
      list.append(details);
    }
    document.querySelector("#paths .count").textContent = `(${data.paths.length})`;
    if (!data.paths.length) list.append(el("p", "hint", "none: no guarantee is broken"));
  }

  function renderSearchResults(q, matched) {
    const box = document.getElementById("search-results");
    box.hidden = !q;
    const ul = box.querySelector("ul");
    ul.replaceChildren();
    if (!q) return;
    const found = nodes.filter((n) => matched.has(n.id));
    for (const n of found.slice(0, 60)) ul.append(nodeButton(n.id));
    if (!found.length) ul.append(el("li", "hint", "no module matches"));
    else if (found.length > 60) ul.append(el("li", "hint", `and ${found.length - 60} more`));
  }

  // -- wiring ------------------------------------------------------------------------
  const search = document.getElementById("search");
  search.addEventListener("input", () => { state.query = search.value; apply(); });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      const q = search.value.trim().toLowerCase();
      const first = q && nodes.find((n) => matches(n, q));
      if (first) { state.query = ""; search.value = ""; setSelection({ focus: [first.id] }); }
    }
  });
  document.getElementById("clear").addEventListener("click", () => {
    search.value = ""; state.query = ""; setSelection({});
    zoomTo([], true);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && document.activeElement !== search) { event.preventDefault(); search.focus(); }
    if (event.key === "Escape") { search.value = ""; state.query = ""; setSelection({}); }
  });
  window.addEventListener("hashchange", () => { if (!fromHash()) setSelection({}, { fromHash: true }); });

  // Marks for the benchmark (benchmarks/graph_page.py): where the time goes.
  performance.mark("graphwarden-script");
  layout();
  performance.mark("graphwarden-laid-out");
  draw();
  performance.mark("graphwarden-drawn");
  renderPaths();
  fillSourceLinks(document);
  zoomTo([], false);
  if (!fromHash({ instant: true })) {
    if (data.path && pathById.has(data.path)) setSelection({ path: data.path }, { instant: true });
    else if (data.focus.length) setSelection({ focus: data.focus }, { instant: true });
    else apply();
  }
  // Tests and the benchmark wait for this: the page is laid out and answers input.
  document.body.dataset.ready = "true";
  performance.mark("graphwarden-interactive");
})();
