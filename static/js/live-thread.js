// Live threads: posts, edits, removals and helpful counts from others appear without a reload, over
// the thread's stream /ws/threads/<id>/ (docs/protocols.md), and the page's forms post without one, through
// the JSON API (POST /api/v1/threads/<id>/posts, POST /api/v1/posts/<id>/helpful).
// static/js/live-socket.js (loaded first) keeps the stream connected and catches up from the last
// event id seen. Progressive enhancement: without JavaScript every form still posts and the page reloads.
//
// Hooks: the [data-discussion] container (data-thread-id, data-last-event-id) and, inside it, the
// markup of templates/forums/includes/post.html and post_form.html, which the posts built here
// match; #live-thread-config says who is viewing (forums/templatetags/live_tags.py).
(function () {
  "use strict";

  var RELOAD_GUARD = "live-thread-reloaded:";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var ANNOUNCE_AFTER = 400; // gather a burst (a catch-up after reconnecting) into one announcement

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" }[c];
    });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // --- dates as Django's template filters show them, in the site's time zone --------------------------
  function parseIso(iso) {
    return new Date(String(iso).replace(/(\.\d{3})\d+/, "$1"));
  }

  function zoned(date, timeZone) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: timeZone, year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23"
    }).formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return {
      year: +parts.year, month: +parts.month, day: +parts.day,
      hour: +parts.hour % 24, minute: +parts.minute, second: +parts.second
    };
  }

  // {{ value|iso_datetime }}: ISO 8601 in local time with its offset, to the millisecond at most.
  function isoLocal(iso, timeZone) {
    var date = parseIso(iso);
    var p = zoned(date, timeZone);
    var local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    var offset = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60000);
    // at most three fractional digits: HTML's <time datetime> takes no more (as cop_site/dates.py writes)
    var fraction = (String(iso).match(/T\d\d:\d\d:\d\d(\.\d{1,3})/) || [])[1] || "";
    var sign = offset < 0 ? "-" : "+";
    offset = Math.abs(offset);
    return p.year + "-" + pad(p.month) + "-" + pad(p.day) + "T" + pad(p.hour) + ":" + pad(p.minute) + ":" +
      pad(p.second) + fraction + sign + pad(Math.floor(offset / 60)) + ":" + pad(offset % 60);
  }

  // {{ value|date:"j F Y, H:i" }}
  function displayDate(iso, timeZone) {
    var p = zoned(parseIso(iso), timeZone);
    return p.day + " " + MONTHS[p.month - 1] + " " + p.year + ", " + pad(p.hour) + ":" + pad(p.minute);
  }

  function LiveThread(root, config) {
    this.root = root;
    this.config = config;
    this.urls = config.urls || {};
    this.api = config.api || {};
    this.timeZone = config.timeZone || "Europe/London";
    this.threadId = String(root.getAttribute("data-thread-id") || root.getAttribute("data-live-thread") || config.threadId || "");
    // The last event the page was rendered with: the stream resumes after it, then after the highest it sees.
    this.renderedEventId = parseInt(root.getAttribute("data-last-event-id") || root.getAttribute("data-last-event"), 10) || 0;
    this.list = root.querySelector("[data-post-list]");
    this.status = root.querySelector("[data-live-status]");
    this.announcer = root.querySelector("[data-live-announcer]");
    this.stream = null; // a LiveSocket, once the thread exists
    this.pending = [];
    this.announceTimer = null;
  }

  // --- the connection ---------------------------------------------------------------------------------
  LiveThread.prototype.start = function () {
    var self = this;
    this.root.addEventListener("submit", function (event) { self.onSubmit(event); });
    if (this.threadId) { this.connect(); }
  };

  LiveThread.prototype.connect = function () {
    if (this.stream || !this.threadId) { return; }
    var self = this;
    this.stream = new window.LiveSocket({
      path: "/ws/threads/" + encodeURIComponent(this.threadId) + "/",
      after: this.renderedEventId, // 0 too: whatever happened since the page was rendered
      idOf: function (frame) { return typeof frame.event_id === "number" ? frame.event_id : null; },
      onFrame: function (frame) { self.onFrame(frame); },
      onState: function (state) {
        if (state === "open") {
          self.showStatus("Live updates on", "on");
        } else if (state !== "connecting") { // offline too: it reconnects the moment the browser is back online
          self.showStatus("Reconnecting…", "reconnecting");
        }
      },
      onRefused: function () { self.showStatus("Live updates are off. Reload the page to try again.", "off"); }
    });
    this.stream.start();
  };

  LiveThread.prototype.showStatus = function (text, state) {
    if (!this.status) { return; }
    this.status.hidden = false;
    this.status.textContent = text;
    this.status.className = "cop-live-status cop-live-status--" + state;
  };

  // --- frames from the server ---------------------------------------------------------------------------
  // A frame not seen before (the stream passes on each event id once, and resumes after the highest).
  LiveThread.prototype.onFrame = function (frame) {
    if (frame.type === "post") {
      this.upsert(frame.post, true);
    } else if (frame.type === "post_updated") {
      this.upsert(frame.post, false);
    } else if (frame.type === "post_removed") {
      this.removePost(frame.post_id, "removed");
    } else if (frame.type === "reactions") {
      this.setHelpful(frame.post_id, frame.counts && frame.counts.helpful);
    } else if (frame.type === "reload") {
      this.reload();
    }
  };

  // The server had more to replay than it sends: start afresh, but never loop if the page stays behind.
  LiveThread.prototype.reload = function () {
    var key = RELOAD_GUARD + this.threadId;
    var last = 0;
    try { last = +window.sessionStorage.getItem(key) || 0; } catch (error) { /* storage off */ }
    this.stream.stop();
    if (Date.now() - last < 60000) {
      this.showStatus("Live updates are off. Reload the page to see the latest posts.", "off");
      return;
    }
    try { window.sessionStorage.setItem(key, String(Date.now())); } catch (error) { /* storage off */ }
    window.location.reload();
  };

  LiveThread.prototype.find = function (postId) {
    var id = parseInt(postId, 10);
    return isNaN(id) ? null : this.root.querySelector('[data-post][data-post-id="' + id + '"]');
  };

  LiveThread.prototype.upsert = function (post, isNew) {
    if (!post || typeof post.id !== "number") { return; }
    if (post.status !== "visible") {
      this.removePost(post.id, post.status);
      return;
    }
    var existing = this.find(post.id);
    if (!existing) {
      if (this.insert(this.build(post, {}), post) && isNew && !this.isMine(post)) { this.queueAnnouncement(post); }
    } else if (existing.getAttribute("data-status") !== "visible") {
      this.replace(existing, this.build(post, this.stateOf(existing)));
    } else {
      this.updateInPlace(existing, post);
    }
    this.updateCounts();
  };

  // What a rebuilt post keeps from the one it replaces: counts and marks only this page knows.
  LiveThread.prototype.stateOf = function (element) {
    var own = this.actionsOf(element);
    var count = own && own.querySelector("[data-helpful-count]");
    var pressed = own && own.querySelector("[aria-pressed]");
    return {
      helpful: count ? parseInt(count.textContent, 10) || 0 : 0,
      foundHelpful: !!(pressed && pressed.getAttribute("aria-pressed") === "true"),
      best: element.classList.contains("cop-post--best"),
      reported: !!(own && own.querySelector("[data-reported]"))
    };
  };

  LiveThread.prototype.actionsOf = function (element) {
    for (var i = 0; i < element.children.length; i++) {
      if (element.children[i].classList.contains("cop-post__actions")) { return element.children[i]; }
    }
    return null;
  };

  LiveThread.prototype.childOf = function (element, selector) {
    for (var i = 0; i < element.children.length; i++) {
      if (element.children[i].matches(selector)) { return element.children[i]; }
    }
    return null;
  };

  LiveThread.prototype.repliesOf = function (element) {
    var container = this.childOf(element, "[data-replies]");
    if (!container) { return []; }
    return Array.prototype.filter.call(container.children, function (child) { return child.matches("[data-post]"); });
  };

  LiveThread.prototype.insert = function (element, post) {
    var container = this.list;
    if (post.parent_id != null) {
      var parent = this.find(post.parent_id);
      container = parent && this.childOf(parent, "[data-replies]");
    }
    if (!container) { return false; } // a reply to a post this viewer is not shown: it shows on the next visit
    var before = null;
    Array.prototype.some.call(container.children, function (child) {
      if (child.matches("[data-post]") && parseInt(child.getAttribute("data-post-id"), 10) > post.id) {
        before = child;
        return true;
      }
      return false;
    });
    container.insertBefore(element, before);
    return true;
  };

  // Swap a post's element for a new one, keeping its replies and any reply being typed.
  LiveThread.prototype.replace = function (old, fresh) {
    var oldReplies = this.childOf(old, "[data-replies]");
    var freshReplies = this.childOf(fresh, "[data-replies]");
    if (oldReplies && freshReplies) {
      while (oldReplies.firstChild) { freshReplies.appendChild(oldReplies.firstChild); }
    }
    var oldForm = this.childOf(old, "details.cop-reply");
    var freshForm = this.childOf(fresh, "details.cop-reply");
    if (oldForm && freshForm) { fresh.replaceChild(oldForm, freshForm); }
    var hadFocus = old.contains(document.activeElement) && !(oldForm && oldForm.contains(document.activeElement));
    old.parentNode.replaceChild(fresh, old);
    if (hadFocus) { this.focusPost(fresh); }
  };

  LiveThread.prototype.updateInPlace = function (element, post) {
    var body = this.childOf(element, "[data-post-body]");
    if (body && body.innerHTML !== post.body_html) { body.innerHTML = post.body_html; }
    var header = this.childOf(element, ".cop-post__meta");
    if (post.edited && header) {
      var edited = header.querySelector("[data-post-edited]");
      var title = "Edited " + displayDate(post.edited, this.timeZone);
      if (!edited) {
        edited = document.createElement("span");
        edited.className = "cop-post__edited";
        edited.setAttribute("data-post-edited", "");
        edited.textContent = "edited";
        var time = header.querySelector(".cop-post__time");
        header.insertBefore(edited, time ? time.nextSibling : null);
      }
      edited.setAttribute("title", title);
    }
  };

  LiveThread.prototype.removePost = function (postId, status) {
    var element = this.find(postId);
    if (!element) { return; }
    var isReply = element.getAttribute("data-parent-id") !== "";
    if (!isReply && this.repliesOf(element).length) {
      this.replace(element, this.build({
        id: parseInt(postId, 10), parent_id: null, status: status === "hidden" ? "hidden" : "removed"
      }, {}));
    } else {
      var parent = element.parentNode && element.parentNode.closest("[data-post]");
      this.moveFocusFrom(element);
      element.parentNode.removeChild(element);
      if (parent && parent.classList.contains("cop-post--placeholder") && !this.repliesOf(parent).length) {
        this.moveFocusFrom(parent);
        parent.parentNode.removeChild(parent);
      }
    }
    this.updateCounts();
  };

  LiveThread.prototype.moveFocusFrom = function (element) {
    if (!element.contains(document.activeElement)) { return; }
    var next = element.nextElementSibling || element.previousElementSibling;
    var parent = element.parentNode && element.parentNode.closest("[data-post]");
    if (next && next.matches("[data-post]")) {
      this.focusPost(next);
    } else if (parent) {
      this.focusPost(parent);
    } else if (this.list) {
      this.list.setAttribute("tabindex", "-1");
      this.list.focus();
    }
  };

  LiveThread.prototype.focusPost = function (element) {
    var link = element.querySelector(".cop-post__time");
    if (!link) {
      element.setAttribute("tabindex", "-1");
      link = element;
    }
    link.focus();
  };

  LiveThread.prototype.setHelpful = function (postId, count, foundHelpful) {
    var element = this.find(postId);
    var actions = element && this.actionsOf(element);
    if (!actions || typeof count !== "number") { return; }
    var counter = actions.querySelector("[data-helpful-count]");
    if (counter) { counter.textContent = String(count); }
    var button = actions.querySelector("[aria-pressed]");
    if (button && typeof foundHelpful === "boolean") { button.setAttribute("aria-pressed", String(foundHelpful)); }
  };

  LiveThread.prototype.updateCounts = function () {
    var counter = this.root.querySelector("[data-post-count]");
    var topLevel = this.list ? this.childPosts(this.list).length : 0;
    if (counter) {
      // as the server counts (forums/discussion.py reply_counts): visible posts at every level, a forum
      // thread's opening post left out (its replies counted); hidden posts and placeholders count for no one
      var visible = '[data-post][data-status="visible"]';
      var opening = this.config.isComments ? null : this.root.querySelector(".cop-thread__opening > " + visible);
      counter.textContent = "(" + (this.root.querySelectorAll(visible).length - (opening ? 1 : 0)) + ")";
    }
    var empty = this.root.querySelector("[data-empty-message]");
    if (empty) { empty.hidden = topLevel > 0; }
  };

  LiveThread.prototype.childPosts = function (container) {
    return Array.prototype.filter.call(container.children, function (child) { return child.matches("[data-post]"); });
  };

  LiveThread.prototype.isMine = function (post) {
    return this.config.viewer != null && !!post.author && post.author.id === this.config.viewer;
  };

  // --- announcements (aria-live="polite") ---------------------------------------------------------------
  LiveThread.prototype.queueAnnouncement = function (post) {
    var self = this;
    this.pending.push(post);
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(function () { self.flushAnnouncements(); }, ANNOUNCE_AFTER);
  };

  LiveThread.prototype.flushAnnouncements = function () {
    var posts = this.pending;
    this.pending = [];
    if (!posts.length) { return; }
    var noun = this.config.isComments ? "comment" : "reply";
    if (posts.length === 1) {
      var post = posts[0];
      var name = post.author ? post.author.name : "former member";
      this.announce(post.parent_id != null ? name + " replied: new " + noun + " below." : "New " + noun + " from " + name + ".");
    } else {
      this.announce(posts.length + " new " + (this.config.isComments ? "comments" : "replies") + ".");
    }
  };

  LiveThread.prototype.announce = function (text) {
    var announcer = this.announcer;
    if (!announcer) { return; }
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 50); // a change, so it is read even when repeated
  };

  // --- posts, built as templates/forums/includes/post.html renders them ---------------------------------
  LiveThread.prototype.url = function (name, id) {
    return (this.urls[name] || "").replace("{id}", encodeURIComponent(id));
  };

  LiveThread.prototype.apiUrl = function (name, id) {
    return (this.api[name] || "").replace("{id}", encodeURIComponent(id));
  };

  LiveThread.prototype.csrfToken = function () {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) { return input.value; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  };

  LiveThread.prototype.csrfInput = function () {
    return '<input type="hidden" name="csrfmiddlewaretoken" value="' + escapeHtml(this.csrfToken()) + '">';
  };

  LiveThread.prototype.build = function (post, state) {
    var template = document.createElement("template");
    template.innerHTML = this.postHtml(post, state).trim();
    return template.content.firstElementChild;
  };

  LiveThread.prototype.postHtml = function (post, state) {
    var c = this.config;
    var isReply = post.parent_id != null;
    var visible = post.status === "visible";
    var placeholder = post.status === "removed" ? "This post was removed." : "This post was hidden by a moderator.";
    var anchor = (c.anchor || "post-") + post.id;
    var name = post.author ? post.author.name : "former member";
    var mine = this.isMine(post);
    var kind = isReply ? "reply" : "post";
    var signedIn = c.viewer != null;
    var canReact = visible && signedIn && !mine;
    var canEdit = visible && mine && post.created && (Date.now() - parseIso(post.created).getTime()) <= 30 * 60 * 1000;
    var canMarkBest = visible && !c.isComments && c.canMarkBest && !mine && !!this.urls.bestAnswer;
    var classes = "cop-post" + (isReply ? " cop-post--reply" : "") + (state.best ? " cop-post--best" : "") +
      (visible ? "" : " cop-post--placeholder");
    var label = visible ? (isReply ? "Reply" : "Post") + " by " + name : placeholder;
    var html = '<article class="' + classes + '" id="' + anchor + '" data-post data-post-id="' + post.id +
      '" data-parent-id="' + (isReply ? escapeHtml(post.parent_id) : "") + '" data-status="' + escapeHtml(post.status) +
      '" aria-label="' + escapeHtml(label) + '">\n';
    if (!visible) {
      html += '<p class="cop-post__placeholder">' + placeholder + "</p>\n";
    } else {
      var author = post.author || {};
      html += '<header class="cop-post__meta">\n<span class="cop-post__author">' +
        (author.url ? '<a href="' + escapeHtml(author.url) + '">' + escapeHtml(name) + "</a>" : escapeHtml(name)) +
        "</span>\n" +
        (author.level_label ? '<span class="cop-post__level">' + escapeHtml(author.level_label) + "</span>\n" : "") +
        '<a class="cop-post__time" href="#' + anchor + '"><time datetime="' + isoLocal(post.created, this.timeZone) + '">' +
        displayDate(post.created, this.timeZone) + "</time></a>\n" +
        (post.edited ? '<span class="cop-post__edited" data-post-edited title="Edited ' +
          displayDate(post.edited, this.timeZone) + '">edited</span>\n' : "") +
        (state.best ? '<strong class="ds_tag cop-post__tag">Most helpful answer</strong>\n' : "") +
        "</header>\n";
      html += '<div class="cop-post__body" data-post-body>' + post.body_html + "</div>\n";
      html += '<ul class="cop-post__actions">\n<li>';
      if (canReact) {
        html += '\n<form method="post" action="' + escapeHtml(this.url("helpful", post.id)) +
          '" class="cop-inline-form" data-helpful-form>\n' + this.csrfInput() + "\n" +
          '<button type="submit" class="ds_button ds_button--small ds_button--secondary cop-post__helpful" aria-pressed="' +
          (state.foundHelpful ? "true" : "false") + '">Helpful<span class="visually-hidden">: ' + escapeHtml(name) +
          "’s " + kind + ",</span> <span data-helpful-count>" + (state.helpful || 0) + "</span></button>\n</form>\n";
      } else {
        html += '<span class="cop-post__helpful-count"><span data-helpful-count>' + (state.helpful || 0) +
          "</span> found this helpful</span>\n";
      }
      html += "</li>\n";
      if (canEdit) {
        html += '<li><a href="' + escapeHtml(this.url("edit", post.id)) + '" data-edit-link>Edit<span class="visually-hidden"> your ' +
          kind + "</span></a></li>\n";
      }
      if (mine) {
        html += '<li><a href="' + escapeHtml(this.url("delete", post.id)) + '" data-delete-link>Delete<span class="visually-hidden"> your ' +
          kind + "</span></a></li>\n";
      }
      if (canMarkBest) {
        html += '<li>\n<form method="post" action="' + escapeHtml(this.urls.bestAnswer) +
          '" class="cop-inline-form" data-best-answer-form>\n' + this.csrfInput() + "\n" +
          '<input type="hidden" name="post" value="' + (state.best ? "" : post.id) + '">\n' +
          '<button type="submit" class="ds_button ds_button--small ds_button--secondary">' +
          (state.best ? "Unmark as most helpful answer" : "Mark as most helpful answer") +
          '<span class="visually-hidden">: ' + escapeHtml(name) + "’s post</span></button>\n</form>\n</li>\n";
      }
      if (canReact && c.canFlag && !state.reported && this.urls.flag) {
        html += '<li class="cop-post__report">' + this.reportHtml(post, name) + "</li>\n";
      } else if (state.reported) {
        html += '<li><span class="cop-post__reported" data-reported>Reported<span class="visually-hidden">: you reported this ' +
          this.noun(post) + " to the moderators</span></span></li>\n";
      }
      html += "</ul>\n";
    }
    if (!isReply) {
      html += '<div class="cop-replies" data-replies></div>\n';
      if (visible && c.canReply) { html += this.replyFormHtml(post, name); }
    }
    return html + "</article>";
  };

  LiveThread.prototype.noun = function (post) {
    return this.config.isComments ? "comment" : (post.parent_id != null ? "reply" : "post");
  };

  // templates/forums/includes/report.html: Report, posting to the flag form, which comes back to the post
  LiveThread.prototype.reportHtml = function (post, name) {
    var noun = this.noun(post);
    var key = (this.config.anchor || "post-") + post.id;
    var back = window.location.pathname + window.location.search + "#" + key;
    var radios = (this.config.reasons || []).map(function (reason) {
      var id = "report-" + key + "-" + reason.value;
      return '<div class="ds_radio ds_radio--small">\n' +
        '<input class="ds_radio__input" type="radio" id="' + escapeHtml(id) + '" name="reason" value="' +
        escapeHtml(reason.value) + '" required>\n' +
        '<label class="ds_radio__label" for="' + escapeHtml(id) + '">' + escapeHtml(reason.label) + "</label>\n</div>\n";
    }).join("");
    return '<details class="ds_details cop-report" data-report>\n' +
      '<summary class="ds_details__summary">Report<span class="visually-hidden"> ' + escapeHtml(name) + "’s " + noun +
      "</span></summary>\n" +
      '<div class="ds_details__text">\n' +
      '<form method="post" action="' + escapeHtml(this.url("flag", post.id)) + '" class="cop-report__form" data-report-form novalidate>\n' +
      this.csrfInput() + "\n" +
      '<input type="hidden" name="next" value="' + escapeHtml(back) + '">\n' +
      '<fieldset class="ds_question">\n<legend>Why are you reporting this ' + noun + "?</legend>\n" +
      '<div class="ds_radios ds_field-group">\n' + radios + "</div>\n</fieldset>\n" +
      '<div class="ds_question">\n' +
      '<label class="ds_label" for="report-' + key + '-note">Anything the moderators should know (optional)</label>\n' +
      '<textarea class="ds_input" id="report-' + key + '-note" name="note" rows="2" maxlength="1000"></textarea>\n' +
      "</div>\n" +
      '<button type="submit" class="ds_button ds_button--small">Send report</button>\n' +
      "</form>\n</div>\n</details>";
  };

  // templates/forums/includes/post_form.html, as a reply to a top-level post
  LiveThread.prototype.replyFormHtml = function (post, name) {
    var field = "reply-body-" + post.id;
    return '<details class="ds_details cop-reply">\n' +
      '<summary class="ds_details__summary">Reply<span class="visually-hidden"> to ' + escapeHtml(name) + "</span></summary>\n" +
      '<div class="ds_details__text">\n' +
      '<form method="post" action="' + escapeHtml(this.url("reply", post.thread_id)) + "#" + field +
      '" class="cop-post-form" data-post-form data-parent-id="' + post.id + '" novalidate>\n' +
      this.csrfInput() + "\n" +
      '<input type="hidden" name="parent" value="' + post.id + '">\n' +
      '<div class="ds_question">\n' +
      '<label class="ds_label" for="' + field + '">Your reply</label>\n' +
      '<p class="ds_hint-text" id="' + field + '-hint">' + escapeHtml(this.config.markdownHelp || "") + "</p>\n" +
      '<textarea class="ds_input cop-post-form__body" id="' + field + '" name="body" rows="3" aria-describedby="' +
      field + '-hint"></textarea>\n' +
      "</div>\n" +
      '<button type="submit" class="ds_button ds_button--small">Post reply</button>\n' +
      "</form>\n</div>\n</details>\n";
  };

  // --- forms: post, reply and "helpful" without a reload ----------------------------------------------------
  // Without a thread yet, or without the API's addresses, the form posts as it would without JavaScript.
  LiveThread.prototype.onSubmit = function (event) {
    var form = event.target;
    if (!form.matches || !window.fetch) { return; }
    if (form.matches("form[data-post-form]") && this.threadId && this.api.posts) {
      event.preventDefault();
      this.sendPost(form);
    } else if (form.matches("form[data-helpful-form]") && this.api.helpful) {
      event.preventDefault();
      this.sendHelpful(form);
    }
  };

  // The API answers {"post": ...} or {"counts": ...}, and every refusal as {"error": {"code", "message"}}.
  LiveThread.prototype.send = function (url, payload) {
    return fetch(url, {
      method: "POST",
      body: JSON.stringify(payload || {}),
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrfToken() }
    }).then(function (response) {
      return response.json().then(
        function (data) { return { ok: response.ok, data: data || {} }; },
        function () { return { ok: false, data: {} }; }
      );
    });
  };

  LiveThread.prototype.sendPost = function (form) {
    var self = this;
    var button = form.querySelector("button[type=submit], button:not([type])");
    if (form.getAttribute("aria-busy") === "true") { return; }
    form.setAttribute("aria-busy", "true");
    if (button) { button.disabled = true; }
    var parent = form.querySelector("input[name=parent]");
    var textarea = form.querySelector("textarea[name=body]");
    var payload = { body: textarea ? textarea.value : "" };
    if (parent && parent.value) { payload.parent_id = parseInt(parent.value, 10); }
    this.send(this.apiUrl("posts", this.threadId), payload).then(function (result) {
      if (result.ok && result.data.post) {
        self.posted(form, result.data.post);
      } else {
        var error = result.data.error;
        self.showError(form, error && error.message ? error.message
          : "Your post could not be saved just now. Your text is still here: please try again.");
      }
    }, function () {
      self.showError(form, "We could not reach the site. Your text is still here: check your connection and try again.");
    }).then(function () {
      form.removeAttribute("aria-busy");
      if (button) { button.disabled = false; }
    });
  };

  LiveThread.prototype.posted = function (form, post) {
    var textarea = form.querySelector("textarea[name=body]");
    this.clearError(form);
    if (textarea) { textarea.value = ""; }
    if (!this.threadId && post.thread_id) { // the page's first comment made its thread: now there is a stream
      this.threadId = String(post.thread_id);
      this.root.setAttribute("data-thread-id", this.threadId);
      this.connect();
    }
    this.upsert(post, false); // its own frame follows; find() makes that an update, not a second copy
    var details = form.closest("details.cop-reply");
    if (details) {
      details.open = false;
      details.querySelector("summary").focus();
    }
    this.announce(this.config.isComments ? "Your comment is posted." : "Your reply is posted.");
  };

  // As post_form.html shows a refusal: the message above the text, which stays as it was typed.
  LiveThread.prototype.showError = function (form, message) {
    var textarea = form.querySelector("textarea[name=body]");
    var question = form.querySelector(".ds_question");
    if (!textarea || !question) { this.announce(message); return; }
    var errorId = textarea.id + "-error";
    var error = form.querySelector("[data-form-error]");
    if (!error) {
      error = document.createElement("p");
      error.className = "ds_question__error-message";
      error.id = errorId;
      error.setAttribute("data-form-error", "");
      var hint = question.querySelector(".ds_hint-text");
      question.insertBefore(error, hint ? hint.nextSibling : textarea);
    }
    error.textContent = message;
    question.classList.add("ds_question--error");
    textarea.classList.add("ds_input--error");
    textarea.setAttribute("aria-invalid", "true");
    var described = (textarea.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (described.indexOf(error.id) < 0) { described.push(error.id); }
    textarea.setAttribute("aria-describedby", described.join(" "));
    textarea.focus();
  };

  LiveThread.prototype.clearError = function (form) {
    var textarea = form.querySelector("textarea[name=body]");
    var question = form.querySelector(".ds_question");
    var error = form.querySelector("[data-form-error]");
    if (question) { question.classList.remove("ds_question--error"); }
    if (!textarea) { return; }
    textarea.classList.remove("ds_input--error");
    textarea.removeAttribute("aria-invalid");
    if (error) {
      var described = (textarea.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
        return id && id !== error.id;
      });
      textarea.setAttribute("aria-describedby", described.join(" "));
      error.parentNode.removeChild(error);
    }
  };

  LiveThread.prototype.sendHelpful = function (form) {
    var self = this;
    var post = form.closest("[data-post]");
    this.send(this.apiUrl("helpful", post.getAttribute("data-post-id"))).then(function (result) {
      if (result.ok && result.data.counts) {
        self.setHelpful(post.getAttribute("data-post-id"), result.data.counts.helpful, result.data.found_helpful);
      } else {
        var error = result.data.error;
        self.announce(error && error.message ? error.message : "That did not work just now: please try again.");
      }
    }, function () {
      self.announce("We could not reach the site: check your connection and try again.");
    });
  };

  // --- start ----------------------------------------------------------------------------------------------
  function readConfig() {
    var element = document.getElementById("live-thread-config");
    if (!element) { return {}; }
    try { return JSON.parse(element.textContent) || {}; } catch (error) { return {}; }
  }

  var root = document.querySelector("[data-discussion]");
  if (root && "WebSocket" in window && window.LiveSocket) {
    var thread = new LiveThread(root, readConfig());
    thread.start();
    window.copLiveThread = thread; // for tests and debugging
  }
})();
