/* Huibian full-text search (substring semantics for Chinese) and search-term highlighting.
 *
 * The index is written by src/huibian/search.py into <site>/search/data/: meta.json (reports
 * and facets), s/<n>.json (bigram posting lists, sharded) and t/<n>.json (report texts for
 * excerpts). A query term is split into the same keys as the indexer; the sections holding
 * every key are a superset of those containing the term, and each hit that is shown is checked
 * against the text it was downloaded with. All URLs are relative to the site root that Material
 * writes into #__config, so the site works under any sub-path and nothing comes from outside.
 */
(function () {
  "use strict";

  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var TOKEN = new RegExp("[" + HAN + "]+|[0-9A-Za-z]+", "g");
  var IS_HAN = new RegExp("^[" + HAN + "]");
  var PAGE_SIZE = 10;

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    if (config) {
      try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function keysOf(text) {
    var keys = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      var run = match[0];
      if (IS_HAN.test(run)) {
        for (var i = 0; i + 1 < run.length; i++) keys.push(run.substring(i, i + 2));
      } else {
        keys.push(run.toLowerCase());
      }
    }
    return keys.filter(function (k, i) { return keys.indexOf(k) === i; });
  }

  // FNV-1a over UTF-16 code units, as search.shard_of computes it.
  function shardOf(key, shards) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % shards;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function termPattern(terms) {
    var parts = terms.slice().sort(function (a, b) { return b.length - a.length; })
      .map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return new RegExp(parts.join("|"), "gi");
  }

  function marked(text, terms) {
    var pattern = termPattern(terms);
    var out = "";
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      if (!match[0]) { pattern.lastIndex++; continue; }
      out += escapeHtml(text.substring(last, match.index)) + "<mark>" + escapeHtml(match[0]) + "</mark>";
      last = match.index + match[0].length;
    }
    return out + escapeHtml(text.substring(last));
  }

  function contains(text, term) {
    return text.toLowerCase().indexOf(term.toLowerCase()) >= 0;
  }

  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) { i++; } else { j++; }
    }
    return out;
  }

  function undelta(deltas) {
    var out = new Array(deltas.length);
    var value = 0;
    for (var i = 0; i < deltas.length; i++) { value += deltas[i]; out[i] = value; }
    return out;
  }

  /* ---------------------------------------------------------------- the index */

  function Index(root) {
    this.root = new URL("search/data/", root);
    this.siteRoot = root;
    this.cache = {};
  }

  Index.prototype.json = function (path) {
    if (!this.cache[path]) {
      this.cache[path] = fetch(new URL(path, this.root).href).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + path);
        return response.json();
      });
    }
    return this.cache[path];
  };

  Index.prototype.meta = function () { return this.json("meta.json"); };

  Index.prototype.posting = function (meta, key) {
    return this.json("s/" + shardOf(key, meta.shards) + ".json").then(function (shard) {
      return { body: undelta(shard[key] || []), heading: undelta(shard["#" + key] || []) };
    });
  };

  Index.prototype.reportOf = function (meta, section) {
    var lo = 0;
    var hi = meta.reports.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (meta.reports[mid][5] <= section) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  /* Candidates: report index -> {sections: [...], heading: bool, title: bool}, for all terms. */
  Index.prototype.search = function (terms) {
    var self = this;
    return this.meta().then(function (meta) {
      return Promise.all(terms.map(function (term) {
        var keys = keysOf(term);
        return Promise.all(keys.map(function (k) { return self.posting(meta, k); })).then(function (lists) {
          var hits = {};
          meta.reports.forEach(function (report, n) {
            if (contains(report[0], term)) hits[n] = { sections: [], heading: false, title: true };
          });
          if (!lists.length) return { hits: hits, exact: false };
          var body = lists.reduce(function (acc, l) { return acc === null ? l.body : intersect(acc, l.body); }, null);
          var heading = lists.reduce(function (acc, l) {
            return acc === null ? l.heading : intersect(acc, l.heading);
          }, null);
          body.forEach(function (section) {
            var n = self.reportOf(meta, section);
            var hit = hits[n] || (hits[n] = { sections: [], heading: false, title: false });
            hit.sections.push(section - meta.reports[n][5]);
          });
          heading.forEach(function (section) { hits[self.reportOf(meta, section)].heading = true; });
          return { hits: hits, exact: true };
        });
      })).then(function (perTerm) {
        var indexed = perTerm.filter(function (p) { return p.exact; });
        if (!indexed.length) return { meta: meta, results: null };
        var results = [];
        Object.keys(indexed[0].hits).forEach(function (key) {
          var n = Number(key);
          if (!indexed.every(function (p) { return p.hits[n]; })) return;
          var all = indexed.map(function (p) { return p.hits[n]; });
          var sections = [];
          all.forEach(function (h) { h.sections.forEach(function (s) { if (sections.indexOf(s) < 0) sections.push(s); }); });
          sections.sort(function (a, b) { return a - b; });
          var title = all.every(function (h) { return h.title; });
          var heading = all.some(function (h) { return h.heading; });
          results.push({ n: n, sections: sections, score: (title ? 4 : 0) + (heading ? 2 : 0) });
        });
        results.sort(function (a, b) {
          return b.score - a.score || b.sections.length - a.sections.length || b.n - a.n;
        });
        return { meta: meta, results: results };
      });
    });
  };

  /* ---------------------------------------------------------------- the results page */

  var FACETS = [
    { param: "unit", column: 2, list: "units", all: "全部单位", label: "单位" },
    { param: "period", column: 3, list: "periods", all: "全部期间", label: "期间" },
    { param: "kind", column: 4, list: "kinds", all: "全部类别", label: "类别" },
  ];

  function SearchPage(app, index) {
    this.app = app;
    this.index = index;
    this.params = new URLSearchParams(window.location.search);
    this.query = (this.params.get("q") || "").trim();
    this.terms = this.query.split(/\s+/).filter(Boolean);
    this.shown = 0;
  }

  SearchPage.prototype.start = function () {
    var self = this;
    this.app.innerHTML =
      '<form class="hb-search-page__form" role="search" aria-label="检索结果页">' +
      '<input type="search" name="q" class="hb-search-page__input" placeholder="输入要检索的词语，例如：三会一课" ' +
      'aria-label="检索词">' +
      '<button type="submit" class="md-button md-button--primary">检索</button></form>' +
      '<div class="hb-search-page__facets"></div>' +
      '<p class="hb-search-page__status" role="status" tabindex="-1"></p>' +
      '<ol class="hb-results"></ol>' +
      '<button type="button" class="md-button hb-results__more" hidden>显示更多</button>' +
      '<section class="hb-search-page__pages" hidden><h2>相关页面</h2><ul class="hb-pages"></ul></section>';
    this.form = this.app.querySelector("form");
    this.form.q.value = this.query;
    this.facets = this.app.querySelector(".hb-search-page__facets");
    this.status = this.app.querySelector(".hb-search-page__status");
    this.list = this.app.querySelector(".hb-results");
    this.more = this.app.querySelector(".hb-results__more");
    this.pagesBox = this.app.querySelector(".hb-search-page__pages");
    this.pagesList = this.app.querySelector(".hb-pages");
    this.more.addEventListener("click", function () { self.page(); });
    if (!this.terms.length) {
      this.status.textContent = "请输入检索词。可输入多个词，用空格分开，结果须同时包含这些词。";
      this.app.dataset.state = "ready";
      return;
    }
    this.app.dataset.state = "loading";
    this.status.textContent = "正在检索……";
    this.index.search(this.terms).then(function (found) {
      self.meta = found.meta;
      if (found.results === null) {
        self.status.textContent = "检索词太短：请至少输入两个汉字（或一个完整的英文单词、数字）。";
        self.status.focus();
        self.app.dataset.state = "ready";
        return;
      }
      // Index pages (units, periods, the term index…) have no facets (-1): listed apart, as 相关页面.
      var isPage = function (r) { return found.meta.reports[r.n][2] < 0; };
      self.pages = found.results.filter(isPage);
      self.all = found.results.filter(function (r) { return !isPage(r); });
      self.focusSummary = true;  // once the first results are listed; a filter change keeps the focus
      self.render();
    }).catch(function (error) {
      self.status.textContent = "检索索引加载失败，请刷新页面重试；如仍失败，请联系网站管理员。（" + error.message + "）";
      self.app.dataset.state = "ready";
    });
  };

  SearchPage.prototype.render = function () {
    var self = this;
    var meta = this.meta;
    var chosen = {};
    FACETS.forEach(function (f) { chosen[f.param] = self.params.get(f.param) || ""; });
    this.renderPages(this.pages, FACETS.some(function (f) { return chosen[f.param]; }));
    this.results = this.all.filter(function (r) {
      var report = meta.reports[r.n];
      return FACETS.every(function (f) {
        return !chosen[f.param] || meta[f.list][report[f.column]][0] === chosen[f.param];
      });
    });
    this.facets.innerHTML = "";
    FACETS.forEach(function (f) {
      var counts = {};
      self.all.forEach(function (r) {
        var value = meta.reports[r.n][f.column];
        counts[value] = (counts[value] || 0) + 1;
      });
      var label = document.createElement("label");
      label.className = "hb-search-page__facet";
      label.textContent = f.label + " ";
      var select = document.createElement("select");
      select.name = f.param;
      label.appendChild(select);
      select.add(new Option(f.all + "（" + self.all.length + "）", ""));
      meta[f.list].forEach(function (pair, value) {
        if (counts[value] || pair[0] === chosen[f.param]) {
          select.add(new Option(pair[1] + "（" + (counts[value] || 0) + "）", pair[0]));
        }
      });
      select.value = chosen[f.param];
      select.addEventListener("change", function () {
        if (select.value) self.params.set(f.param, select.value); else self.params.delete(f.param);
        window.history.replaceState(null, "", "?" + self.params.toString());
        self.render();
      });
      self.facets.appendChild(label);
    });
    this.list.innerHTML = "";
    this.shown = 0;
    this.found = this.results.length;
    this.updateStatus();
    this.page();
  };

  SearchPage.prototype.renderPages = function (pages, filtered) {
    var self = this;
    var list = this.pagesList;
    list.innerHTML = "";
    this.pagesBox.hidden = true;
    if (filtered || !pages.length) return;
    var batch = pages.slice(0, 10);
    Promise.all(batch.map(function (r) { return self.index.json("t/" + r.n + ".json"); })).then(function (texts) {
      if (list !== self.pagesList) return;
      batch.forEach(function (r, i) {
        var item = self.item(r, texts[i]);
        if (item) {
          list.appendChild(item);
          self.pagesBox.hidden = false;
        }
      });
    });
  };

  SearchPage.prototype.updateStatus = function () {
    var quoted = "“" + this.terms.join(" ") + "”";
    // A term of one key (two characters) is matched exactly by the index; longer terms are
    // checked against the text only for the results listed so far, so the count is an estimate
    // until every result has been listed.
    var exact = this.shown >= this.results.length ||
      this.terms.every(function (t) { return keysOf(t).length <= 1; });
    this.status.textContent = this.found
      ? (exact ? "共有 " : "约有 ") + this.found + " 篇报告包含" + quoted + "。"
      : "没有找到包含" + quoted + "的报告。";
  };

  SearchPage.prototype.page = function () {
    var self = this;
    var batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    this.shown += batch.length;
    this.more.hidden = true;
    this.app.dataset.state = "loading";
    var generation = this.list;
    return Promise.all(batch.map(function (r) { return self.index.json("t/" + r.n + ".json"); })).then(function (texts) {
      if (generation !== self.list || !self.list.isConnected) return;
      batch.forEach(function (r, i) {
        var item = self.item(r, texts[i]);
        if (item) self.list.appendChild(item); else self.found--;
      });
      self.updateStatus();
      self.more.hidden = self.shown >= self.results.length;
      if (self.focusSummary) {
        // Keyboard and screen-reader users land on "共有 N 篇报告…"; Tab then walks the results.
        self.focusSummary = false;
        self.status.focus();
      }
      self.app.dataset.state = "ready";
    });
  };

  /* One result, or null when the text does not contain every term after all. */
  SearchPage.prototype.item = function (result, text) {
    var terms = this.terms;
    var meta = this.meta;
    var report = meta.reports[result.n];
    var sections = text.s.map(function (s, i) { return { i: i, anchor: s[0], heading: s[1], body: s[1] + "\n" + s[2] }; });
    var ok = terms.every(function (t) {
      return contains(report[0], t) || sections.some(function (s) { return contains(s.body, t); });
    });
    if (!ok) return null;
    var matching = sections.filter(function (s) {
      return terms.some(function (t) { return contains(s.body, t); });
    });
    matching.sort(function (a, b) {
      var ha = terms.some(function (t) { return contains(a.heading, t); }) ? 0 : 1;
      var hb = terms.some(function (t) { return contains(b.heading, t); }) ? 0 : 1;
      return ha - hb || a.i - b.i;
    });
    var href = function (anchor) {
      var url = new URL(report[1], this.index.siteRoot);
      url.search = "?hl=" + encodeURIComponent(terms.join(" "));
      if (anchor) url.hash = "#" + anchor;
      return url.href;
    }.bind(this);
    var li = document.createElement("li");
    li.className = "hb-result";
    var best = matching[0];
    var html = '<a class="hb-result__title" href="' + escapeHtml(href(best ? best.anchor : "")) + '">' +
      marked(report[0], terms) + "</a>";
    if (report[2] >= 0) {
      html += '<div class="hb-result__facts">' + escapeHtml([
        meta.units[report[2]][1], meta.periods[report[3]][1], meta.kinds[report[4]][1],
      ].join(" · ")) + "</div>";
    }
    if (best) {
      html += '<p class="hb-result__excerpt">' + excerpt(best, terms) + "</p>";
      var others = matching.slice(1, 4).filter(function (s) { return s.anchor && s.heading; });
      if (others.length) {
        html += '<ul class="hb-result__sections">' + others.map(function (s) {
          return '<li><a href="' + escapeHtml(href(s.anchor)) + '">' + marked(s.heading, terms) + "</a></li>";
        }).join("") + "</ul>";
      }
    }
    li.innerHTML = html;
    return li;
  };

  function excerpt(section, terms) {
    var text = section.body.replace(/\s+/g, " ").trim();
    var lower = text.toLowerCase();
    var at = -1;
    terms.forEach(function (t) {
      var p = lower.indexOf(t.toLowerCase());
      if (p >= 0 && (at < 0 || p < at)) at = p;
    });
    var start = Math.max(0, at - 40);
    var end = Math.min(text.length, Math.max(at, 0) + 100);
    return (start > 0 ? "…" : "") + marked(text.substring(start, end), terms) + (end < text.length ? "…" : "");
  }

  /* ---------------------------------------------------------------- highlighting on a report page */

  function highlight(terms) {
    var article = document.querySelector("article.md-content__inner");
    if (!article || !terms.length) return null;
    var pattern = termPattern(terms);
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentNode;
        if (!parent || /^(SCRIPT|STYLE|MARK|TEXTAREA)$/.test(parent.nodeName)) return NodeFilter.FILTER_REJECT;
        pattern.lastIndex = 0;
        return pattern.test(node.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var first = null;
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var fragment = document.createDocumentFragment();
      var last = 0;
      var match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text)) !== null) {
        if (!match[0]) { pattern.lastIndex++; continue; }
        fragment.appendChild(document.createTextNode(text.substring(last, match.index)));
        var mark = document.createElement("mark");
        mark.className = "hb-hl";
        mark.textContent = match[0];
        fragment.appendChild(mark);
        if (!first) first = mark;
        last = match.index + match[0].length;
      }
      fragment.appendChild(document.createTextNode(text.substring(last)));
      node.parentNode.replaceChild(fragment, node);
    });
    return first;
  }

  function main() {
    var root = siteRoot();
    var params = new URLSearchParams(window.location.search);
    var box = document.querySelector(".hb-search-box input[name=q]");
    var app = document.getElementById("hb-search");
    if (app) {
      if (box) box.value = params.get("q") || "";
      new SearchPage(app, new Index(root)).start();
      return;
    }
    var hl = (params.get("hl") || "").trim();
    if (hl) {
      var first = highlight(hl.split(/\s+/).filter(Boolean));
      // Land on the first highlighted term of the section the result pointed at.
      var anchor = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (anchor) {
        var marks = document.querySelectorAll("mark.hb-hl");
        for (var i = 0; i < marks.length; i++) {
          if (anchor.compareDocumentPosition(marks[i]) & Node.DOCUMENT_POSITION_FOLLOWING) { first = marks[i]; break; }
        }
      }
      if (first) first.scrollIntoView({ block: "center" });
    }
  }

  // For scripts/bench_search.py: the site-relative URLs of every candidate report for a query.
  window.huibianSearch = {
    find: function (query) {
      var terms = String(query).split(/\s+/).filter(Boolean);
      return new Index(siteRoot()).search(terms).then(function (found) {
        return (found.results || []).map(function (r) { return found.meta.reports[r.n][1]; });
      });
    },
  };
  // "/" or "s" focuses the header search box, as in Material's own search.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || (event.key !== "/" && event.key !== "s")) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.nodeName))) return;
    var box = document.querySelector(".hb-search-box input[name=q]");
    if (box) { event.preventDefault(); box.focus(); }
  });
  // Material's document$ emits the first page and every page that navigation.instant swaps in.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { main(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", main);
  } else {
    main();
  }
})();
