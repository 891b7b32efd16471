/* Search-box suggestions from dazhou_suggest: catalog words and dataset titles while typing.
 * An ARIA 1.2 combobox: up/down arrows choose, Enter opens the choice, Escape closes.
 * No library and no outside code; the words come from #dz-suggest-config (translated). */
(function () {
  "use strict";
  var config = document.getElementById("dz-suggest-config");
  if (!config || !window.fetch) { return; }
  var cfg = config.dataset;
  var MAX_LENGTH = 50, DELAY = 120;

  function href(item) {
    if (item.kind === "term") {
      return cfg.searchUrl + "?" + encodeURIComponent(item.field) + "=" + encodeURIComponent(item.value);
    }
    return cfg.datasetUrl.replace("__name__", encodeURIComponent(item.name));
  }

  function attach(input, n) {
    var listId = "dz-suggest-list-" + n;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "dz-suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", cfg.labelList);
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    var holder = input.parentNode;
    holder.classList.add("dz-suggest-holder");
    holder.appendChild(list);
    holder.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var timer = null, items = [], active = -1, asked = "", request = null, composing = false;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function option(item, index) {
      var li = document.createElement("li");
      li.id = listId + "-" + index;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.className = "dz-suggest-option dz-suggest-" + item.kind;
      var kind = document.createElement("span");
      kind.className = "dz-suggest-kind";
      kind.textContent = item.kind === "term" ? cfg.labelTerm : cfg.labelDataset;
      var text = document.createElement("span");
      text.textContent = item.kind === "term" && item.alt ? item.label + "（" + item.alt + "）" : item.label;
      li.appendChild(kind);
      li.appendChild(text);
      li.addEventListener("mousedown", function (event) {  // before the input's blur
        event.preventDefault();
        window.location.href = href(item);
      });
      return li;
    }

    function render(result) {
      items = result.terms.map(function (t) { return {kind: "term", label: t.label, alt: t.alt, field: t.field, value: t.value}; })
        .concat(result.datasets.map(function (d) { return {kind: "dataset", label: d.title, name: d.name}; }));
      list.textContent = "";
      items.forEach(function (item, i) { list.appendChild(option(item, i)); });
      status.textContent = items.length ? cfg.labelCount.replace("{n}", items.length) : cfg.labelNone;
      if (!items.length) { close(); return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      choose(-1);
    }

    function ask() {
      var q = input.value.trim();
      if (!q || q.length > MAX_LENGTH) { asked = ""; close(); return; }
      if (q === asked) { return; }
      asked = q;
      if (request) { request.abort(); }
      request = window.AbortController ? new AbortController() : null;
      fetch(cfg.url + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin", headers: {Accept: "application/json"},
        signal: request ? request.signal : undefined
      }).then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (body && body.success && input.value.trim() === q) { render(body.result); }
        })
        .catch(function () { /* aborted by newer typing, or offline: no suggestions */ });
    }

    function later() {
      if (composing) { return; }  // an input method is still composing a character
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    }

    input.addEventListener("input", later);
    input.addEventListener("compositionstart", function () { composing = true; });
    input.addEventListener("compositionend", function () { composing = false; later(); });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!open) { asked = ""; ask(); return; }
        event.preventDefault();
        choose((active + 1) % items.length);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!open) { return; }
        event.preventDefault();
        choose(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.href = href(items[active]);
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (open) { event.preventDefault(); close(); }
      }
    });
  }

  document.querySelectorAll("#field-giant-search, .dz-hero-search input[name=q]").forEach(attach);
})();
