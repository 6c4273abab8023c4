// Suggestions under the search box: an ARIA 1.2 combobox (a text input with role=combobox: a search input may not take the role) over /api/v1/search/suggest.
// Without JavaScript the form still submits to /search/; with it, titles appear as you type.
(function () {
  "use strict";

  function init(wrapper) {
    var input = wrapper.querySelector("[role=combobox]");
    var list = wrapper.querySelector("[role=listbox]");
    var status = wrapper.closest("form").querySelector("[data-suggest-status]");
    var url = wrapper.getAttribute("data-suggest-url");
    var active = -1;
    var timer = null;
    var latest = 0;

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function show(suggestions) {
      list.innerHTML = "";
      var KINDS = { theme: "theme", glossary: "glossary term" };
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = input.id + "-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.className = "cop-suggest__option";
        li.dataset.url = s.url;
        li.textContent = s.title;
        if (KINDS[s.type]) {  // a theme or glossary term opens a search, not a page: say so
          var kind = document.createElement("span");
          kind.className = "cop-suggest__kind";
          kind.textContent = " · " + KINDS[s.type];
          li.appendChild(kind);
        }
        li.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = s.url; });
        list.appendChild(li);
      });
      var count = suggestions.length;
      list.hidden = count === 0;
      input.setAttribute("aria-expanded", count ? "true" : "false");
      if (status) { status.textContent = count ? count + " suggestion" + (count === 1 ? "" : "s") + ": use up and down arrows" : ""; }
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (text.length < 2) { close(); return; }
      var request = ++latest;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (request === latest) { show(data.suggestions || []); } })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !list.hidden) { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp" && !list.hidden) { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = options()[active].dataset.url;
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll(".cop-suggest").forEach(init);
})();
