// graphcrm stakeholder map. Every piece of user data is set with textContent, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graphcrm-data").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  };

  function tooltip(lines) {
    var box = el("div");
    box.className = "gc-tip";
    box.textContent = lines.filter(function (l) { return l; }).join("\n");
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    copy.title = tooltip(n.tip || []);
    delete copy.tip;
    delete copy.facts;
    return copy;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var copy = Object.assign({}, e);
    copy.title = tooltip(e.tip || []);
    delete copy.tip;
    return copy;
  }));
  var facts = {};
  data.nodes.forEach(function (n) { facts[n.id] = n; });

  var container = $("gc-network");
  // listeners first, data second: a small map may settle before the constructor returns
  var network = new vis.Network(container, { nodes: [], edges: [] }, data.options);
  var state = { network: network, nodes: nodes, edges: edges, data: data,
                stableAt: null, selected: null };
  window.graphcrmMap = state;

  var chart = data.meta.layout === "orgchart";
  var face = "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";
  network.on("beforeDrawing", function (ctx) {  // a white background for saved pictures
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    // the org chart's bands: organizations (a group around its subsidiaries), departments
    (data.meta.bands || []).forEach(function (b) {
      ctx.save();
      ctx.globalAlpha = b.kind === "organization" ? 0.07 : 0.05;
      ctx.fillStyle = b.color;
      ctx.fillRect(b.x, b.y, b.width, b.height);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = b.color;
      ctx.lineWidth = b.kind === "organization" ? 2 : 1;
      if (b.kind !== "organization") { ctx.setLineDash([6, 4]); }
      ctx.strokeRect(b.x, b.y, b.width, b.height);
      ctx.fillStyle = b.kind === "organization" ? b.color : "#555555";
      ctx.font = (b.kind === "organization" ? "600 16px " : "13px ") + face;
      ctx.fillText(b.label, b.x + 10, b.y + 21, b.width - 20);
      ctx.restore();
    });
  });
  function settled() {  // the layout stops moving: physics off after stabilizing
    if (state.stableAt !== null) { return; }
    state.stableAt = performance.now();
    network.setOptions({ physics: { enabled: false } });
  }
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  function frame() {  // the whole picture in view: cards and the bands around them
    var bands = data.meta.bands || [];
    if (!bands.length) { network.fit({ animation: false }); return; }
    var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    var shown = data.meta.frame;  // the cards and bands, and at least last week's picture
    if (shown) {
      box = { left: shown[0], top: shown[1], right: shown[2], bottom: shown[3] };
    } else {
      bands.forEach(function (b) {
        box.left = Math.min(box.left, b.x); box.top = Math.min(box.top, b.y);
        box.right = Math.max(box.right, b.x + b.width);
        box.bottom = Math.max(box.bottom, b.y + b.height);
      });
    }
    var where = network.getPositions(), slack = 14;  // a band's padding
    Object.keys(where).forEach(function (id) {  // a card dragged out of its band
      var p = where[id];
      if (p.x - 100 < box.left - slack) { box.left = p.x - 100; }
      if (p.x + 100 > box.right + slack) { box.right = p.x + 100; }
      if (p.y - 52 < box.top - slack) { box.top = p.y - 52; }
      if (p.y + 52 > box.bottom + slack) { box.bottom = p.y + 52; }
    });
    // an open legend floating over the map: frame the chart in the room beside it
    var legendBox = $("gc-legend");
    var aside = legendBox && getComputedStyle(legendBox).position === "absolute" &&
      !legendBox.classList.contains("collapsed") ? legendBox.offsetWidth + 20 : 0;
    if (container.clientWidth - aside < container.clientWidth / 2) { aside = 0; }
    var room = (container.clientWidth - aside) / container.clientHeight;
    // drawn from the top left: a chart that grew along the side the page has room on
    // keeps every card where last week's page drew it
    if ((box.right - box.left) / (box.bottom - box.top) < room) {
      box.right = box.left + (box.bottom - box.top) * room;
    } else {
      box.bottom = box.top + (box.right - box.left) / room;
    }
    var scale = 0.97 * Math.min((container.clientWidth - aside) / (box.right - box.left),
                                container.clientHeight / (box.bottom - box.top));
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
                     offset: { x: aside / 2, y: 0 }, scale: scale, animation: false });
  }
  state.frame = frame;
  if (chart) {  // positions come with the data: nothing to settle, only to frame
    var framed = true;  // until the reader zooms or drags, the whole chart stays in view
    network.once("afterDrawing", frame);
    var reframe = function () { if (framed) { network.redraw(); frame(); } };
    network.on("resize", reframe);
    window.addEventListener("resize", reframe);
    // a headless browser may size the window after the first draw: the chart is settled
    // (stableAt) once framed again then, not at the first draw, so that what is measured or
    // captured is where the chart stays
    setTimeout(function () { reframe(); settled(); }, 300);
    network.on("zoom", function () { framed = false; });
    network.on("dragStart", function () { framed = false; });
  }
  network.setData({ nodes: nodes, edges: edges });
  if (chart) {
    // CJK glyphs stand taller than their font size (12 px type inks 14 px), and vis-network
    // spaces a label's lines by the font size alone: a card's lines overlapped. Each card
    // draws its lines 1.25 em apart (five lines fill its 80 px of text).
    Object.keys(network.body.nodes).forEach(function (id) {
      var label = network.body.nodes[id].labelModule;
      if (!label || label.graphcrmSpaced) { return; }
      var draw = label.draw;
      label.draw = function () {
        var size = (this.fontOptions && this.fontOptions.size) || 12;
        var lines = this.lines || [];
        (Array.isArray(lines) ? lines : lines.lines || []).forEach(function (line) {
          line.height = Math.max(line.height, Math.round(size * 1.25));
        });
        return draw.apply(this, arguments);
      };
      label.graphcrmSpaced = true;
    });
  }

  $("gc-title").textContent = data.meta.title;
  $("gc-subtitle").textContent = data.meta.subtitle || "";
  // the page's own words, in the map's language (graphcrm/words.py)
  var words = data.meta.words || {};
  function say(key, fallback) { return words[key] || fallback; }
  $("gc-search").placeholder = say("search", "Search a name");
  $("gc-org").setAttribute("aria-label", say("organization", "Organization"));
  $("gc-role").setAttribute("aria-label", say("role", "Role"));
  $("gc-strength-label").textContent = say("min_strength", "min strength") + " ";
  $("gc-cluster").textContent = say("cluster", "Group by organization");
  $("gc-reset").textContent = say("reset", "Show all");
  $("gc-png").textContent = say("png", "Save as PNG");
  $("gc-close").setAttribute("aria-label", say("close", "Close"));
  $("gc-focus").textContent = say("focus", "Focus on this person");
  $("gc-legend").setAttribute("aria-label", say("legend", "Legend"));
  $("gc-inner-text").textContent = say("inner", "ties inside organizations");
  $("gc-across-text").textContent = say("across", "all ties across organizations");
  $("gc-save-layout").textContent = say("save_layout", "Save layout");

  // -- the panel -------------------------------------------------------------------------
  function showPanel(id) {
    var n = facts[id];
    if (!n) { return; }
    state.selected = id;
    $("gc-panel-name").textContent = n.name;
    var list = $("gc-panel-facts");
    list.replaceChildren();
    (n.facts || []).forEach(function (pair) {
      list.appendChild(el("dt", pair[0]));
      list.appendChild(el("dd", pair[1]));
    });
    $("gc-focus").hidden = !!data.meta.aggregated;
    $("gc-panel").hidden = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showPanel(params.nodes[0]); } else { state.selected = null; }
    apply();  // a clicked card shows its own acquaintances
  });
  $("gc-close").addEventListener("click", function () { $("gc-panel").hidden = true; });

  // -- filters -------------------------------------------------------------------------------
  var focusOn = null;
  function fill(select, label, values) {
    select.appendChild(el("option", label)).value = "";
    values.forEach(function (v) { select.appendChild(el("option", v[1])).value = v[0]; });
  }
  fill($("gc-org"), say("all_organizations", "All organizations"), data.meta.organizations);
  fill($("gc-role"), say("all_roles", "All roles"), data.meta.roles);

  function refit() {  // the view follows the filters: everything shown, nothing else
    var shown = nodes.get({ filter: function (n) { return !n.hidden; } })
      .map(function (n) { return n.id; });
    if (shown.length) { network.fit({ nodes: shown, animation: false }); }
  }
  function apply() {
    var org = $("gc-org").value, role = $("gc-role").value;
    var minimum = parseFloat($("gc-strength").value);
    $("gc-strength-value").textContent = String(minimum);
    var near = null;
    if (focusOn !== null) {
      near = {};
      near[focusOn] = true;
      network.getConnectedNodes(focusOn).forEach(function (id) { near[id] = true; });
    }
    nodes.update(data.nodes.map(function (n) {
      var hidden = (org && n.org !== org) || (role && (n.roles || []).indexOf(role) < 0) ||
                   (near !== null && !near[n.id]);
      return { id: n.id, hidden: !!hidden };
    }));
    var inner = $("gc-inner").checked, across = $("gc-across").checked;
    edges.update(data.edges.map(function (e) {
      var own = state.selected !== null && (e.from === state.selected || e.to === state.selected);
      return { id: e.id,
               hidden: (e.layer !== "tree" && (e.strength || 0) < minimum) ||
                       (e.layer === "inner" && !inner && !own) ||
                       (e.layer === "across" && !across && !own) };
    }));
  }
  ["gc-org", "gc-role", "gc-strength"].forEach(function (id) {
    $(id).addEventListener("input", function () { apply(); refit(); });
  });
  $("gc-inner").addEventListener("change", apply);
  $("gc-across").addEventListener("change", apply);
  $("gc-inner-label").hidden = !chart;
  $("gc-across-label").hidden = !chart;
  $("gc-focus").addEventListener("click", function () {
    focusOn = state.selected;
    apply();
    network.fit({ nodes: [focusOn].concat(network.getConnectedNodes(focusOn)) });
  });
  $("gc-reset").addEventListener("click", function () {
    focusOn = null;
    $("gc-org").value = "";
    $("gc-role").value = "";
    $("gc-strength").value = "0";
    $("gc-inner").checked = false;
    $("gc-across").checked = false;
    if (clustered) { toggleClusters(); }
    $("gc-panel").hidden = true;
    state.selected = null;
    network.unselectAll();
    apply();
    if (chart) { frame(); } else { network.fit({ animation: false }); }
  });

  // -- grouping by organization ---------------------------------------------------------
  var clustered = false, made = [];
  var members = {};
  data.nodes.forEach(function (n) { members[n.org] = (members[n.org] || 0) + 1; });
  function toggleClusters() {
    if (clustered) {  // open only the groups made: asking vis about others logs errors
      made.forEach(function (id) {
        if (network.findNode(id).length) { network.openCluster(id); }
      });
      made = [];
    } else {
      data.meta.organizations.forEach(function (o) {
        if ((members[o[0]] || 0) < 2) { return; }  // a group of one is that person
        var id = "cluster:" + o[0];
        network.cluster({
          joinCondition: function (n) { return n.org === o[0]; },
          clusterNodeProperties: { id: id, label: o[1], shape: "box", color: o[2] }
        });
        made.push(id);
      });
    }
    clustered = !clustered;
    $("gc-cluster").textContent = clustered ? say("uncluster", "Ungroup")
      : say("cluster", "Group by organization");
  }
  $("gc-cluster").addEventListener("click", toggleClusters);
  // the org chart groups people by organization already
  $("gc-cluster").hidden = !!data.meta.aggregated || chart;

  // -- search -------------------------------------------------------------------------------
  function select(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showPanel(id);
  }
  function search() {
    var query = $("gc-search").value.trim().toLowerCase();
    var list = $("gc-results");
    list.replaceChildren();
    if (!query) { return []; }
    var found = data.nodes.filter(function (n) {
      return String(n.name).toLowerCase().indexOf(query) >= 0;
    }).slice(0, 12);
    found.forEach(function (n) {
      var button = el("button", n.name);
      button.type = "button";
      button.addEventListener("click", function () { select(n.id); });
      list.appendChild(el("li")).appendChild(button);
    });
    return found;
  }
  $("gc-search").addEventListener("input", search);
  $("gc-search").addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var found = search();
      if (found.length) { select(found[0].id); }
    }
  });

  // -- picture ------------------------------------------------------------------------------
  // the saved picture carries its title, the valuation date and the legend, so that it
  // can go on a gate-review slide as it is
  function picture() {
    var source = container.querySelector("canvas");
    var r = window.devicePixelRatio || 1;
    var rows = data.meta.legend || [];
    var pad = 12 * r, line = 18 * r, head = 52 * r;
    var out = document.createElement("canvas");
    out.width = source.width;
    out.height = head + source.height + pad * 2 + rows.length * line;
    var c = out.getContext("2d");
    c.fillStyle = "#ffffff";
    c.fillRect(0, 0, out.width, out.height);
    c.fillStyle = "#222222";
    c.font = "600 " + (16 * r) + "px " + face;
    c.fillText(data.meta.title, pad, 24 * r);
    c.font = (12 * r) + "px " + face;
    c.fillText(data.meta.subtitle ||
               (say("as_of", "Ties valued as of") + " " + data.meta.as_of), pad, 44 * r);
    c.drawImage(source, 0, head);
    var y = head + source.height + pad;
    rows.forEach(function (row) {
      var box = 12 * r, x = pad;
      if (row.color) { c.fillStyle = row.color; c.fillRect(x, y, box, box); }
      if (row.border) { c.strokeStyle = row.border; c.lineWidth = 3 * r;
                        c.strokeRect(x, y, box, box); }
      if (row.line) { c.fillStyle = row.line; c.fillRect(x, y + box / 2, box, 3 * r); }
      if (row.symbol) { c.fillStyle = "#222222"; c.fillText(row.symbol, x, y + box); }
      c.fillStyle = "#222222";
      c.fillText(row.label, x + box + 6 * r, y + box);
      y += line;
    });
    return out;
  }
  state.picture = picture;
  $("gc-png").addEventListener("click", function () {
    var canvas = picture();
    var link = el("a");
    link.href = canvas.toDataURL("image/png");
    link.download = "graphcrm-map.png";
    link.click();
  });

  // -- saved layout -------------------------------------------------------------------------
  // drag cards, then "Save layout": a positions file for `graphcrm map --positions FILE`
  // (cards by key: a digest of the person's id, never the id; placeholders by their role)
  var keyed = data.nodes.filter(function (n) { return n.key; });
  $("gc-save-layout").hidden = !chart || !keyed.length;
  function layoutFile() {
    var where = network.getPositions(keyed.map(function (n) { return n.id; }));
    var positions = {};
    keyed.forEach(function (n) {
      var p = where[n.id];
      positions[n.key] = [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
    });
    return { graphcrm: "positions", layout: "orgchart", positions: positions };
  }
  state.layoutFile = layoutFile;
  $("gc-save-layout").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(layoutFile(), null, 1)], { type: "application/json" });
    var link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = "graphcrm-layout.json";
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  });

  // -- legend -------------------------------------------------------------------------------
  var legend = $("gc-legend");
  var toggle = el("button", say("legend", "Legend") + " ▾");
  toggle.type = "button";
  toggle.id = "gc-legend-toggle";
  toggle.setAttribute("aria-expanded", "true");
  function fold(folded) {
    legend.classList.toggle("collapsed", folded);
    toggle.setAttribute("aria-expanded", folded ? "false" : "true");
    toggle.textContent = say("legend", "Legend") + (folded ? " ▸" : " ▾");
  }
  toggle.addEventListener("click", function () {
    fold(!legend.classList.contains("collapsed"));
    if (chart && framed) { frame(); }
  });
  legend.appendChild(toggle);
  fold(window.matchMedia("(max-width: 420px)").matches);  // folded on a phone
  data.meta.legend.forEach(function (row) {
    var line = el("div");
    line.className = "row";
    var swatch = el("span", row.symbol || "");
    swatch.className = "swatch";
    if (row.color) { swatch.style.background = row.color; }
    if (row.border) { swatch.style.border = "3px solid " + row.border; }
    if (row.line) { swatch.style.borderBottom = "3px solid " + row.line; }
    line.appendChild(swatch);
    line.appendChild(el("span", row.label));
    legend.appendChild(line);
  });
}());
