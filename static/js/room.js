// The live room client (templates/rooms/room.html): speaks the room protocol of docs/protocols.md
// over /ws/rooms/<slug>/, through static/js/live-socket.js (loaded first), which keeps the socket
// connected. Nothing is lost: every message is sent with a client_id and shown as pending until the
// server echoes it back (a resend after a reconnect cannot double it); the last message id seen is
// kept, and a reconnect asks for everything after it (?after=<id>). When that is more than the
// server replays, it says `reload`: the log starts again from the latest messages.
// Connection state is always on screen; new messages from others are announced politely; errors
// are alerts. No framework: plain DOM, keyboard first.
(function () {
  "use strict";

  var TYPING_EVERY_MS = 3000;
  var TYPING_SHOWN_MS = 4000;
  var ANNOUNCE_AFTER_MS = 800;
  var PARTICIPATION_EVERY_MS = 15000;
  var ANNOUNCED_WORDS = 12;
  var LEVELS = {
    frontline: "Frontline",
    manager: "Manager",
    strategic: "Strategic leader",
    researcher: "Researcher",
    community_member: "Community member"
  };
  // What the room says on a close code after which reconnecting cannot help (docs/protocols.md). The
  // first two may come at any time: signing out, a password change, removal, a suspension.
  var REFUSALS = {
    4401: "Your sign-in has ended. Sign in again to rejoin the room.",
    4403: "You cannot take part in this room.",
    4404: "This room no longer exists."
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function hidden(node, hide) { if (node) { node.hidden = !!hide; } }

  function newClientId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") { return window.crypto.randomUUID(); }
    return "c-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  // HTML's <time datetime> takes at most three fractional digits of a second (as cop_site/dates.py writes)
  function machineTime(iso) { return String(iso || "").replace(/(\.\d{3})\d+/, "$1"); }

  function formatTime(iso) {
    var when = new Date(iso);
    if (isNaN(when.getTime())) { return ""; }
    return when.toLocaleDateString("en-GB", { day: "numeric", month: "short" }) + ", " +
      when.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  }

  function firstWords(html, count) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var words = (holder.textContent || "").trim().split(/\s+/).filter(Boolean);
    return words.slice(0, count).join(" ") + (words.length > count ? "…" : "");
  }

  function nameOf(person) { return person ? person.name : "Anonymous"; }

  function Room(root) {
    this.root = root;
    this.path = root.getAttribute("data-ws-url");
    this.participationUrl = root.getAttribute("data-participation-url");
    this.revealUrl = root.getAttribute("data-reveal-url");  // set for the community's moderators only
    this.you = { id: parseInt(root.getAttribute("data-user-id"), 10) || null, facilitator: root.hasAttribute("data-facilitator") };
    this.info = {};
    this.connection = null;
    this.welcomed = false;
    this.timers = {};
    this.replayPending = false;
    this.connectedAfter = null;  // the message id this connection asked to resume after; null: none
    this.notice = "";            // said beside "Connected" after the log started again (`reload`)
    this.olderRequested = false;
    this.pending = {};        // client_id -> {body, anonymous, element, failed}
    this.pendingOrder = [];   // client_ids, oldest first
    this.rendered = {};       // message id -> element
    this.typists = {};        // user id -> {name, timer}
    this.floorUser = null;
    this.hands = [];
    this.presence = [];
    this.toAnnounce = [];
    this.lastTypingSent = 0;

    this.closedReason = root.getAttribute("data-closed-reason") || "The room is closed just now.";

    this.find();
    var lastId = this.adoptRenderedMessages();
    this.bind();
    this.showRulesUntilAgreed();
    this.fitLog();
    this.ui.scroller.scrollTop = this.ui.scroller.scrollHeight;  // the newest message in view
    this.watchLayout();
    this.connect(lastId);
    if (this.participationUrl) {
      this.refreshParticipation();
      this.timers.participation = window.setInterval(this.refreshParticipation.bind(this), PARTICIPATION_EVERY_MS);
    }
  }

  Room.prototype.find = function () {
    var root = this.root;
    var doc = document;
    this.ui = {
      status: root.querySelector("[data-connection-status]"),
      alert: root.querySelector("[data-room-alert]"),
      list: root.querySelector("[data-message-list]"),
      scroller: root.querySelector("[data-message-scroller]"),
      empty: root.querySelector("[data-empty-message]"),
      earlier: root.querySelector("[data-load-earlier]"),
      typing: root.querySelector("[data-typing]"),
      announcer: root.querySelector("[data-announcer]"),
      composer: root.querySelector("[data-composer]"),
      input: root.querySelector("[data-composer-input]"),
      anonymousOption: root.querySelector("[data-anonymous-option]"),
      anonymous: root.querySelector("[data-anonymous]"),
      composerState: root.querySelector("[data-composer-state]"),
      send: root.querySelector("[data-send]"),
      skip: doc.querySelector("[data-skip-to-composer]"),
      header: doc.querySelector(".ds_layout__header"),
      bar: root.querySelector(".cop-room__bar"),
      state: doc.querySelector("[data-room-state]"),
      floorMode: doc.querySelector("[data-floor-mode]"),
      floorSummary: doc.querySelector("[data-floor-summary]"),
      floor: doc.querySelector("[data-floor]"),
      hand: doc.querySelector("[data-hand]"),
      hands: doc.querySelector("[data-hands]"),
      handsEmpty: doc.querySelector("[data-hands-empty]"),
      presence: doc.querySelector("[data-presence]"),
      presenceEmpty: doc.querySelector("[data-presence-empty]"),
      presenceCount: doc.querySelector("[data-presence-count]"),
      facilitation: doc.querySelector("[data-facilitation]"),
      toggleState: doc.querySelector("[data-toggle-state]"),
      takeFloor: doc.querySelector("[data-take-floor]"),
      chart: doc.querySelector("[data-participation-chart]"),
      tables: doc.querySelector("[data-participation-tables]"),
      about: doc.querySelector("[data-about-room]"),
      dismissRules: doc.querySelector("[data-dismiss-rules]")
    };
    if (this.ui.floor) { this.ui.floor.setAttribute("tabindex", "-1"); }
  };

  // The messages the page was rendered with; returns the highest id among them (0: none).
  Room.prototype.adoptRenderedMessages = function () {
    var self = this;
    var lastId = parseInt(this.root.getAttribute("data-last-id"), 10) || 0;
    Array.prototype.forEach.call(this.ui.list.querySelectorAll("[data-message-id]"), function (item) {
      var id = parseInt(item.getAttribute("data-message-id"), 10);
      self.rendered[id] = item;
      if (id > lastId) { lastId = id; }
    });
    return lastId;
  };

  // --- the connection ----------------------------------------------------------------------------
  Room.prototype.connect = function (lastId) {
    var self = this;
    this.connection = new window.LiveSocket({
      path: this.path,
      after: lastId || null,  // an empty room asks for the latest, not for "everything after 0"
      inOrder: true,          // message ids only grow, and arrive in order without gaps
      idOf: function (frame) { return frame.type === "message" && frame.message ? frame.message.id : null; },
      keepalive: true,
      onOpen: function (after) {
        self.replayPending = true;
        self.connectedAfter = after;
        self.olderRequested = false;
      },
      onFrame: function (frame) { if (typeof frame.type === "string") { self.handle(frame); } },
      onState: function (state) { self.connectionChanged(state); },
      onRefused: function (code) {
        self.welcomed = false;
        self.setConnection("offline", "Disconnected");
        self.showAlert(REFUSALS[code], code === 4401);
      }
    });
    this.connection.start();
  };

  Room.prototype.connectionChanged = function (state) {
    if (state === "open") { return; }  // "Connected" waits for the welcome
    this.welcomed = false;
    this.notice = "";
    this.setConnection(state);
  };

  // Frames go only once the room has welcomed this connection; false when they cannot go now.
  Room.prototype.send = function (frame) {
    return this.welcomed && this.connection.send(frame);
  };

  Room.prototype.setConnection = function (state, words) {
    var labels = { connecting: "Connecting…", connected: "Connected", reconnecting: "Reconnecting…", offline: "Offline" };
    this.root.setAttribute("data-connection", state);
    this.ui.status.textContent = words || labels[state];
  };

  // --- frames from the server ----------------------------------------------------------------------
  Room.prototype.handle = function (frame) {
    switch (frame.type) {
      case "welcome": return this.onWelcome(frame);
      case "reload": return this.onReload(frame);
      case "history": return this.onHistory(frame);
      case "message": return this.onMessage(frame.message, true);
      case "removed": return this.onRemoved(frame.message_id);
      case "presence": return this.onPresence(frame.members || []);
      case "typing": return this.onTyping(frame.user);
      case "hands": return this.onHands(frame.queue || []);
      case "floor": return this.onFloor(frame.user || null);
      case "room": return this.onRoomState(frame);
      case "error": return this.onError(frame);
      case "revealed": return this.onRevealed(frame);
      default: return undefined;
    }
  };

  Room.prototype.onWelcome = function (frame) {
    this.welcomed = true;
    this.you = frame.you || this.you;
    this.info = frame.room || {};
    this.setConnection("connected", this.notice ? "Connected. " + this.notice : "");
    hidden(this.ui.anonymousOption, !this.info.allow_anonymous);
    if (!this.info.allow_anonymous && this.ui.anonymous) { this.ui.anonymous.checked = false; }
    if (this.info.state) { this.onRoomState({ state: this.info.state }); }
    this.updateFloorMode();
    // Whatever was sent but not acknowledged goes again, with the same client_id: never doubled.
    var self = this;
    this.pendingOrder.forEach(function (clientId) {
      var entry = self.pending[clientId];
      if (entry && !entry.failed) { self.transmit(clientId); }
    });
  };

  // The server had more to replay than it sends: the log starts again from the latest messages, and
  // the status says why (the sender's pending messages stay, and go again once welcomed).
  Room.prototype.onReload = function (frame) {
    var list = this.ui.list;
    if (list.contains(document.activeElement)) { this.ui.scroller.focus(); }
    Array.prototype.forEach.call(list.querySelectorAll("[data-message-id]"), function (item) { list.removeChild(item); });
    this.rendered = {};
    this.connection.startOver();
    this.notice = frame.detail || "Too much was said while you were away: here are the latest messages.";
    this.setConnection("connecting", this.notice);
  };

  Room.prototype.onHistory = function (frame) {
    var messages = (frame.messages || []).filter(function (message) { return message && typeof message.id === "number"; });
    var self = this;
    var scroller = this.ui.scroller;
    var fromBottom = scroller.scrollHeight - scroller.scrollTop;
    if (this.replayPending) {
      // What this connection missed, or the latest: counted as seen, so a repeat is never shown twice.
      messages.forEach(function (message) { if (self.connection.fresh(message.id)) { self.onMessage(message, false); } });
      // A replay after ?after= may come in frames of a bounded size; has_more says another follows.
      if (this.connectedAfter !== null && frame.has_more) { return; }
      this.replayPending = false;
      if (this.connectedAfter === null) { hidden(this.ui.earlier, !frame.has_more); }
      hidden(this.ui.empty, this.ui.list.children.length > 0);
      this.scrollToEnd(false);
      return;
    }
    // Older messages, asked for with "Show earlier messages": below every id seen, so not counted.
    messages.forEach(function (message) { if (!self.rendered[message.id]) { self.onMessage(message, false); } });
    if (this.olderRequested) {
      this.olderRequested = false;
      var hadFocus = document.activeElement === this.ui.earlier;
      hidden(this.ui.earlier, !frame.has_more);
      scroller.scrollTop = scroller.scrollHeight - fromBottom;  // keep the reader's place
      if (hadFocus && !frame.has_more) { scroller.focus(); }  // the button is gone: on to what it brought
      this.announce(messages.length + " earlier message" + (messages.length === 1 ? "" : "s") + " shown.");
    }
  };

  // A message not shown before (the socket passes on each id once); live ones are announced.
  Room.prototype.onMessage = function (message, live) {
    if (!message || typeof message.id !== "number") { return; }
    var mine = this.isMine(message);
    var entry = mine ? this.pending[message.client_id] : null;
    var item = this.renderMessage(message, mine);
    if (entry) {
      entry.element.parentNode.replaceChild(item, entry.element);
      this.forget(message.client_id, false);
      // The alert stays while another of this member's messages still waits for Retry: it says why.
      if (!this.anyFailed()) { this.clearAlert(); }
    } else {
      this.insertInOrder(item, message.id);
    }
    this.rendered[message.id] = item;
    hidden(this.ui.empty, true);
    if (live) {
      if (!mine) { this.queueAnnouncement(message); }
      if (message.author) { this.clearTyping(message.author.id); }
      this.scrollToEnd(mine);
      this.participationSoon();
    }
  };

  Room.prototype.isMine = function (message) {
    if (!this.pending[message.client_id]) { return !!(message.author && this.you && message.author.id === this.you.id); }
    return !message.author || (this.you && message.author.id === this.you.id);
  };

  Room.prototype.insertInOrder = function (item, id) {
    var list = this.ui.list;
    var children = list.querySelectorAll("[data-message-id]");
    for (var i = 0; i < children.length; i += 1) {
      if (parseInt(children[i].getAttribute("data-message-id"), 10) > id) {
        list.insertBefore(item, children[i]);
        return;
      }
    }
    var firstPending = list.querySelector(".cop-room-message--pending, .cop-room-message--failed");
    list.insertBefore(item, firstPending);  // pending ones stay last, until they arrive
  };

  Room.prototype.onRemoved = function (messageId) {
    var item = this.rendered[messageId];
    if (!item) { return; }
    var next = item.nextElementSibling && item.nextElementSibling.querySelector("summary, button");
    var hadFocus = item.contains(document.activeElement);
    item.parentNode.removeChild(item);
    delete this.rendered[messageId];
    hidden(this.ui.empty, this.ui.list.children.length > 0);
    if (hadFocus) { (next || this.ui.scroller).focus(); }
    this.announce("A facilitator removed a message.");  // it vanished from under the reader's eyes: say why
    this.participationSoon();
  };

  Room.prototype.onPresence = function (members) {
    this.presence = members;
    var self = this;
    this.ui.presenceCount.textContent = "(" + members.length + ")";
    hidden(this.ui.presenceEmpty, members.length > 0);
    this.ui.presenceEmpty.textContent = "No one else is here yet.";
    this.keepFocus(this.ui.presence, function () {
      self.ui.presence.textContent = "";
      members.forEach(function (member) { self.ui.presence.appendChild(self.renderPerson(member, "presence")); });
    });
  };

  Room.prototype.onHands = function (queue) {
    this.hands = queue;
    var self = this;
    var raised = queue.some(function (person) { return self.you && person.id === self.you.id; });
    if (this.ui.hand) {
      this.ui.hand.setAttribute("aria-pressed", raised ? "true" : "false");
      this.ui.hand.textContent = raised ? "Lower your hand" : "Raise your hand";
    }
    hidden(this.ui.handsEmpty, queue.length > 0);
    this.keepFocus(this.ui.hands, function () {
      self.ui.hands.textContent = "";
      queue.forEach(function (person) { self.ui.hands.appendChild(self.renderPerson(person, "hands")); });
    });
  };

  Room.prototype.onFloor = function (user) {
    var before = this.floorUser;
    this.floorUser = user;
    if (user) { this.info.floor_control = true; }
    var you = this.you && user && user.id === this.you.id;
    this.ui.floor.textContent = user ? (you ? "You have the floor." : user.name + " has the floor.") : "No one has the floor.";
    if (this.ui.floorSummary) { this.ui.floorSummary.textContent = user ? (you ? "You have the floor" : user.name + " has the floor") : "No one has the floor"; }
    if (you && !(before && before.id === user.id)) { this.announce("You have the floor: you may speak now."); }
    this.renderPeopleAgain();
    this.updateFloorMode();
  };

  Room.prototype.onRoomState = function (frame) {
    var state = frame.state;
    if (!state) { return; }
    this.info.state = state;
    if (typeof frame.floor_control === "boolean") { this.info.floor_control = frame.floor_control; }
    if (typeof frame.allow_anonymous === "boolean") {
      this.info.allow_anonymous = frame.allow_anonymous;
      hidden(this.ui.anonymousOption, !frame.allow_anonymous);
    }
    if (state === "open") { this.closedReason = "The room is closed just now."; }  // an earlier session's end is old news
    if (this.ui.state) {
      this.ui.state.textContent = state === "open" ? "Open" : "Closed";
      this.ui.state.classList.toggle("cop-room-state--closed", state !== "open");
      this.ui.state.classList.toggle("cop-room-state--open", state === "open");
    }
    if (this.ui.toggleState) { this.ui.toggleState.textContent = state === "open" ? "Close the room" : "Open the room"; }
    this.updateFloorMode();
  };

  // The composer says, before anyone types, whether they may speak and why not: the rule of
  // rooms/messages.py speaking_refusal, kept true here as the state and the floor change. A composer
  // that cannot send is disabled; focus inside it moves to the reason.
  Room.prototype.updateFloorMode = function () {
    var holder = this.floorUser;
    var facilitator = this.you && this.you.facilitator;
    var yours = !!(holder && this.you && holder.id === this.you.id);
    if (this.info.state) {
      var refused = "";
      if (this.info.state !== "open") {
        refused = this.closedReason;
      } else if (this.info.floor_control && !facilitator && !yours) {
        refused = holder ? holder.name + " has the floor: raise your hand to speak next." :
          "No one has the floor yet: raise your hand and the facilitator will give it.";
      }
      var words = refused;
      if (!words) {
        words = yours ? "You have the floor." : this.info.floor_control ?
          "The facilitator gives the floor; as a facilitator you may speak at any time." : "The room is open: anyone may speak.";
      }
      var hadFocus = document.activeElement === this.ui.input || document.activeElement === this.ui.send;
      if (this.ui.composerState.textContent !== words) { this.ui.composerState.textContent = words; }
      this.ui.composerState.classList.toggle("cop-room-composer__state--refused", !!refused);
      this.ui.input.disabled = !!refused;
      this.ui.send.disabled = !!refused;
      if (refused && hadFocus) { this.ui.composerState.focus(); }
    }
    // Under floor control everyone sees who holds the floor, so a message cannot be anonymous.
    var anonymousOff = !this.info.allow_anonymous || !!this.info.floor_control;
    hidden(this.ui.anonymousOption, anonymousOff);
    if (anonymousOff && this.ui.anonymous) { this.ui.anonymous.checked = false; }
    if (this.ui.floorMode && typeof this.info.floor_control === "boolean") {
      this.ui.floorMode.textContent = this.info.floor_control ?
        "The facilitator gives the floor: raise your hand to speak" : "Anyone may speak";
    }
  };

  // Focus for "Skip to the message box" and after agreeing to the ground rules: the box, or why it is shut.
  Room.prototype.focusComposer = function () {
    (this.ui.input.disabled ? this.ui.composerState : this.ui.input).focus();
  };

  // --- the layout -------------------------------------------------------------------------------------
  // The log fills the viewport: from where it starts on the page to the composer's bottom at the window's
  // foot, never below 8rem (5rem on a phone). The newest message stays in view unless the reader scrolled up.
  Room.prototype.fitLog = function () {
    var log = this.ui.scroller;
    var atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 120;
    var logBox = log.getBoundingClientRect();
    var below = this.ui.composer.getBoundingClientRect().bottom - logBox.bottom;
    var top = logBox.top + window.pageYOffset;
    var least = window.innerWidth < 768 ? 80 : 128;
    var height = Math.max(least, Math.floor(window.innerHeight - top - below - 12));
    if (log.style.height !== height + "px") { log.style.height = height + "px"; }
    log.setAttribute("data-fitted", "");
    if (atEnd) { log.scrollTop = log.scrollHeight; }
  };

  Room.prototype.watchLayout = function () {
    var self = this;
    var queued = false;
    var refit = function () {
      if (queued) { return; }
      queued = true;
      window.requestAnimationFrame(function () { queued = false; self.fitLog(); });
    };
    window.addEventListener("resize", refit);
    if (window.ResizeObserver) {
      var observer = new window.ResizeObserver(refit);
      [this.ui.header, this.ui.bar, this.ui.alert, this.ui.composer].forEach(function (node) {
        if (node) { observer.observe(node); }
      });
    }
  };

  // Purpose and ground rules are open on a first visit until the member agrees; after that, one click away.
  Room.prototype.rulesKey = function () { return "cop-room-rules-agreed:" + this.root.getAttribute("data-room-slug"); };

  Room.prototype.showRulesUntilAgreed = function () {
    if (!this.ui.about || !this.ui.dismissRules) { return; }
    var agreed = false;
    try { agreed = window.localStorage.getItem(this.rulesKey()) === "yes"; } catch (error) { agreed = false; }
    if (!agreed) { this.ui.about.open = true; }
  };

  Room.prototype.agreeToRules = function () {
    try { window.localStorage.setItem(this.rulesKey(), "yes"); } catch (error) { /* private mode: asked again next time */ }
    this.ui.about.open = false;
    this.focusComposer();
  };

  Room.prototype.onTyping = function (user) {
    if (!user || (this.you && user.id === this.you.id)) { return; }
    var self = this;
    var known = this.typists[user.id];
    if (known) { window.clearTimeout(known.timer); }
    this.typists[user.id] = {
      name: user.name,
      timer: window.setTimeout(function () { self.clearTyping(user.id); }, TYPING_SHOWN_MS)
    };
    this.showTyping();
  };

  Room.prototype.clearTyping = function (userId) {
    var known = this.typists[userId];
    if (!known) { return; }
    window.clearTimeout(known.timer);
    delete this.typists[userId];
    this.showTyping();
  };

  Room.prototype.showTyping = function () {
    var self = this;
    var names = Object.keys(this.typists).map(function (id) { return self.typists[id].name; });
    if (!names.length) { this.ui.typing.textContent = ""; return; }
    if (names.length > 3) { this.ui.typing.textContent = "Several people are typing…"; return; }
    var joined = names.length === 1 ? names[0] : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
    this.ui.typing.textContent = joined + (names.length === 1 ? " is typing…" : " are typing…");
  };

  Room.prototype.onError = function (frame) {
    var detail = frame.detail || "Something went wrong.";
    var entry = frame.client_id ? this.pending[frame.client_id] : null;
    if (entry) { this.markFailed(frame.client_id, detail); }
    this.showAlert(detail);
  };

  // The author of an anonymous message, told to this moderator alone after they gave a reason.
  Room.prototype.onRevealed = function (frame) {
    var item = this.rendered[frame.message_id] || document.getElementById("message-" + frame.message_id);
    var words = frame.author ? "Written by " + frame.author.name + (LEVELS[frame.author.level] ? " (" + LEVELS[frame.author.level] + ")" : "") :
      "Written by a member who has since deleted their account";
    words += ". Only you see this; your look is in the moderation log.";
    if (item) {
      var details = item.querySelector("[data-reveal]");
      var note = item.querySelector(".cop-room-message__revealed") || el("p", "cop-room-message__revealed");
      note.textContent = words;
      note.setAttribute("tabindex", "-1");
      var hadFocus = details && details.contains(document.activeElement);
      if (details) { details.parentNode.removeChild(details); }
      var body = item.querySelector(".cop-room-message__body");
      if (!note.parentNode) { body.parentNode.insertBefore(note, body.nextSibling); }
      var menu = item.querySelector("[data-message-actions]");
      if (menu && !menu.querySelector(".cop-message-actions__menu").children.length) { menu.parentNode.removeChild(menu); }
      if (hadFocus) { note.focus(); }
    }
    this.announce(words);
  };

  // A moderator's control beside an anonymous message: a reason, then the `reveal` frame.
  Room.prototype.renderReveal = function (message) {
    var details = el("details", "ds_details cop-room-message__reveal");
    details.setAttribute("data-reveal", String(message.id));
    var summary = el("summary", "ds_details__summary", "Reveal the author");
    summary.appendChild(el("span", "visually-hidden", " of the anonymous message at " + formatTime(message.created)));
    details.appendChild(summary);
    var text = el("div", "ds_details__text");
    var form = el("form");
    form.method = "post";
    form.action = this.revealUrl.replace("/0/reveal/", "/" + message.id + "/reveal/");
    form.setAttribute("data-reveal-form", String(message.id));
    var question = el("div", "ds_question");
    var label = el("label", "ds_label", "Why do you need to know who wrote it?");
    label.htmlFor = "reveal-reason-" + message.id;
    var hint = el("p", "ds_hint-text", "Your reason is kept in the moderation log, and the author is told that a moderator looked.");
    hint.id = "reveal-hint-" + message.id;
    var input = el("input", "ds_input");
    input.type = "text";
    input.name = "reason";
    input.id = "reveal-reason-" + message.id;
    input.maxLength = 500;
    input.required = true;
    input.setAttribute("aria-describedby", hint.id);
    question.appendChild(label);
    question.appendChild(hint);
    question.appendChild(input);
    var button = el("button", "ds_button ds_button--secondary ds_button--small", "Reveal");
    button.type = "submit";
    form.appendChild(question);
    form.appendChild(button);
    text.appendChild(form);
    details.appendChild(text);
    return details;
  };

  // --- rendering ---------------------------------------------------------------------------------
  Room.prototype.renderMessage = function (message, mine) {
    var item = el("li", "cop-room-message" + (mine ? " cop-room-message--mine" : ""));
    item.id = "message-" + message.id;
    item.setAttribute("data-message-id", String(message.id));
    item.setAttribute("data-client-id", message.client_id || "");
    if (message.author) { item.setAttribute("data-author-id", String(message.author.id)); }
    var meta = el("p", "cop-room-message__meta");
    meta.appendChild(el("span", "cop-room-message__author", nameOf(message.author)));
    if (message.author && LEVELS[message.author.level]) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "cop-room-message__level", LEVELS[message.author.level]));
    }
    if (mine && !message.author) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "cop-room-message__level", "(you, anonymously)"));
    }
    meta.appendChild(document.createTextNode(" "));
    var time = el("time", "cop-room-message__time", formatTime(message.created));
    time.setAttribute("datetime", machineTime(message.created));
    meta.appendChild(time);
    item.appendChild(meta);
    var body = el("div", "cop-room-message__body");
    body.innerHTML = message.body_html;  // cleaned on the server, as comments are (nh3)
    item.appendChild(body);
    var actions = [];
    if (this.you && this.you.facilitator) {
      var remove = el("button", "ds_button ds_button--secondary ds_button--small cop-room-message__remove", "Remove");
      remove.type = "button";
      remove.setAttribute("data-remove-message", String(message.id));
      remove.appendChild(el("span", "visually-hidden", " the message from " + nameOf(message.author) + " at " + formatTime(message.created)));
      actions.push(remove);
    }
    var own = mine || (this.you && message.author && message.author.id === this.you.id);
    var report = own ? null : this.renderReport(message);
    if (report) { actions.push(report); }
    if (this.revealUrl && !message.author && !mine) { actions.push(this.renderReveal(message)); }
    if (actions.length) { item.appendChild(this.renderActions(message, actions)); }
    return item;
  };

  // The message's "Actions" menu (templates/rooms/message.html): a disclosure holding its controls.
  Room.prototype.renderActions = function (message, controls) {
    var details = el("details", "cop-message-actions");
    details.setAttribute("data-message-actions", "");
    var summary = el("summary", "cop-message-actions__button", "Actions");
    var time = new Date(message.created);
    var at = isNaN(time.getTime()) ? "" : " at " + time.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    summary.appendChild(el("span", "visually-hidden", " for the message from " + nameOf(message.author) + at));
    details.appendChild(summary);
    var menu = el("div", "cop-message-actions__menu");
    controls.forEach(function (control) { menu.appendChild(control); });
    details.appendChild(menu);
    return details;
  };

  // Report under another's message: the page's <template data-report-template> (templates/forums/includes/report.html,
  // rendered for message 0), made this message's. It posts to /rooms/<slug>/messages/<id>/report/ and comes back.
  Room.prototype.renderReport = function (message) {
    var template = this.root.querySelector("template[data-report-template]");
    if (!template || !template.content.firstElementChild) { return null; }
    var control = template.content.firstElementChild.cloneNode(true);
    var form = control.querySelector("form");
    form.setAttribute("action", form.getAttribute("action").replace(/\/0\/report\/$/, "/" + message.id + "/report/"));
    var prefix = "report-message-" + message.id + "-";
    control.querySelectorAll("[id]").forEach(function (node) { node.id = node.id.replace("report-message-0-", prefix); });
    control.querySelectorAll("label[for]").forEach(function (label) {
      label.setAttribute("for", label.getAttribute("for").replace("report-message-0-", prefix));
    });
    control.querySelector("summary .visually-hidden").textContent = " " + nameOf(message.author) + "’s message";
    return control;
  };

  Room.prototype.renderPending = function (clientId) {
    var entry = this.pending[clientId];
    var item = entry.element || el("li");
    item.className = "cop-room-message cop-room-message--mine " + (entry.failed ? "cop-room-message--failed" : "cop-room-message--pending");
    item.setAttribute("data-pending-client-id", clientId);
    item.textContent = "";
    var meta = el("p", "cop-room-message__meta");
    meta.appendChild(el("span", "cop-room-message__author", entry.anonymous ? "You (anonymously)" : "You"));
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(el("span", "cop-room-message__status", entry.failed ? "Not sent: " + entry.failed : "Sending…"));
    item.appendChild(meta);
    var body = el("div", "cop-room-message__body");
    var text = el("p", null, entry.body);
    text.style.whiteSpace = "pre-wrap";
    body.appendChild(text);
    item.appendChild(body);
    if (entry.failed) {
      var retry = el("button", "ds_button ds_button--small", "Retry");
      retry.type = "button";
      retry.setAttribute("data-retry", clientId);
      retry.appendChild(el("span", "visually-hidden", " sending this message"));
      var discard = el("button", "ds_button ds_button--secondary ds_button--small", "Discard");
      discard.type = "button";
      discard.setAttribute("data-discard", clientId);
      discard.appendChild(el("span", "visually-hidden", " this message"));
      item.appendChild(retry);
      item.appendChild(discard);
    }
    entry.element = item;
    return item;
  };

  Room.prototype.renderPerson = function (person, where) {
    var item = el("li");
    item.appendChild(el("span", "cop-room-people__name", person.name));
    if (LEVELS[person.level]) { item.appendChild(el("span", "cop-room-people__level", LEVELS[person.level])); }
    if (this.you && person.id === this.you.id) { item.appendChild(el("span", "cop-room-people__you", "(you)")); }
    if (this.floorUser && this.floorUser.id === person.id) {
      item.appendChild(el("strong", "cop-room-people__floor", "has the floor"));
    } else if (this.you && this.you.facilitator) {
      var give = el("button", "ds_button ds_button--secondary ds_button--small", "Give the floor");
      give.type = "button";
      give.setAttribute("data-give-floor", String(person.id));
      give.setAttribute("data-focus-key", where + "-" + person.id);
      give.appendChild(el("span", "visually-hidden", " to " + person.name));
      item.appendChild(give);
    }
    return item;
  };

  Room.prototype.renderPeopleAgain = function () {
    this.onPresence(this.presence);
    this.onHands(this.hands);
  };

  Room.prototype.keepFocus = function (container, render) {
    // Lists are redrawn whole; a focused button in one keeps focus, or focus goes to the floor status.
    var active = document.activeElement;
    var key = active && container.contains(active) ? active.getAttribute("data-focus-key") : null;
    var hadFocus = active && container.contains(active);
    render();
    if (!hadFocus) { return; }
    var again = key ? container.querySelector('[data-focus-key="' + key + '"]') : null;
    (again || this.ui.floor).focus();
  };

  Room.prototype.scrollToEnd = function (force) {
    var scroller = this.ui.scroller;
    var nearEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
    if (force || nearEnd) { scroller.scrollTop = scroller.scrollHeight; }
  };

  // --- announcements and alerts ----------------------------------------------------------------------
  Room.prototype.queueAnnouncement = function (message) {
    // A burst is one announcement: the newest author and their first words, not every message read out.
    var self = this;
    this.toAnnounce.push(message);
    window.clearTimeout(this.timers.announce);
    this.timers.announce = window.setTimeout(function () {
      var batch = self.toAnnounce;
      self.toAnnounce = [];
      var latest = batch[batch.length - 1];
      var words = nameOf(latest.author) + ": " + firstWords(latest.body_html, ANNOUNCED_WORDS);
      self.announce(batch.length > 1 ? batch.length + " new messages. Latest from " + words : words);
    }, ANNOUNCE_AFTER_MS);
  };

  Room.prototype.announce = function (words) {
    this.ui.announcer.textContent = words;
  };

  Room.prototype.showAlert = function (words, signIn) {
    var alert = this.ui.alert;
    alert.textContent = "";
    var text = el("p", null, words + " ");
    if (signIn) {
      var link = el("a", null, "Sign in");
      link.href = "/accounts/login/?next=" + encodeURIComponent(window.location.pathname);
      text.appendChild(link);
    }
    alert.appendChild(text);
  };

  Room.prototype.clearAlert = function () { this.ui.alert.textContent = ""; };

  // --- sending -----------------------------------------------------------------------------------------
  Room.prototype.submit = function () {
    var body = this.ui.input.value.trim();
    if (!body) {
      this.showAlert("Write something before sending.");
      this.ui.input.focus();
      return;
    }
    var clientId = newClientId();
    this.pending[clientId] = { body: body, anonymous: !!(this.ui.anonymous && this.ui.anonymous.checked), element: null, failed: null };
    this.pendingOrder.push(clientId);
    this.ui.list.appendChild(this.renderPending(clientId));
    hidden(this.ui.empty, true);
    this.ui.input.value = "";
    this.scrollToEnd(true);
    this.transmit(clientId);
    this.ui.input.focus();
  };

  Room.prototype.transmit = function (clientId) {
    var entry = this.pending[clientId];
    var frame = { type: "message", body: entry.body, client_id: clientId };
    if (entry.anonymous) { frame.anonymous = true; }
    this.send(frame);  // when offline it waits: the welcome after reconnecting sends it
  };

  Room.prototype.markFailed = function (clientId, detail) {
    var entry = this.pending[clientId];
    entry.failed = detail;
    this.renderPending(clientId);
  };

  Room.prototype.retry = function (clientId) {
    var entry = this.pending[clientId];
    if (!entry) { return; }
    entry.failed = null;
    this.renderPending(clientId);
    this.clearAlert();
    this.transmit(clientId);  // the same client_id: if the first try did land, nothing is doubled
    this.ui.input.focus();
  };

  Room.prototype.forget = function (clientId, removeElement) {
    var entry = this.pending[clientId];
    if (!entry) { return; }
    if (removeElement && entry.element && entry.element.parentNode) { entry.element.parentNode.removeChild(entry.element); }
    delete this.pending[clientId];
    this.pendingOrder = this.pendingOrder.filter(function (id) { return id !== clientId; });
  };

  Room.prototype.anyFailed = function () {
    var pending = this.pending;
    return this.pendingOrder.some(function (clientId) { return pending[clientId] && pending[clientId].failed; });
  };

  Room.prototype.typed = function () {
    var now = Date.now();
    if (now - this.lastTypingSent < TYPING_EVERY_MS || !this.ui.input.value.trim()) { return; }
    // "Fraser is typing…" just before an anonymous message would name its author.
    if (this.ui.anonymous && this.ui.anonymous.checked && this.info.allow_anonymous) { return; }
    if (this.send({ type: "typing" })) { this.lastTypingSent = now; }
  };

  // --- the facilitator's participation panel ----------------------------------------------------------
  Room.prototype.participationSoon = function () {
    if (!this.participationUrl) { return; }
    window.clearTimeout(this.timers.participationSoon);
    this.timers.participationSoon = window.setTimeout(this.refreshParticipation.bind(this), 1500);
  };

  Room.prototype.refreshParticipation = function () {
    var self = this;
    if (!this.participationUrl || !window.fetch) { return; }
    window.fetch(this.participationUrl, { credentials: "same-origin" }) // GET /api/v1/rooms/<slug>/participation
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (figures) { if (figures) { self.renderParticipation(figures); } })
      .catch(function () { /* offline: the next refresh tries again */ });
  };

  Room.prototype.renderParticipation = function (figures) {
    this.renderChart(figures.by_level || [], figures.max_words || 0);
    this.renderTables(figures);
  };

  Room.prototype.renderChart = function (rows, most) {
    var ns = "http://www.w3.org/2000/svg";
    var rowHeight = 34;
    var labelWidth = 150;
    var barWidth = 280;
    var width = labelWidth + barWidth + 160;
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + (rows.length * rowHeight + 8));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-labelledby", "participation-chart-title");
    var title = document.createElementNS(ns, "title");
    title.id = "participation-chart-title";
    title.textContent = "Words by level: " + rows.map(function (row) {
      return row.label + " " + row.words + " words in " + row.messages + " messages";
    }).join("; ") + ". The table gives the same figures.";
    svg.appendChild(title);
    rows.forEach(function (row, index) {
      var y = index * rowHeight + 4;
      var label = document.createElementNS(ns, "text");
      label.setAttribute("x", "0");
      label.setAttribute("y", String(y + 21));
      label.textContent = row.label;
      svg.appendChild(label);
      var bar = document.createElementNS(ns, "rect");
      var length = most ? Math.max(row.words ? 2 : 0, Math.round(barWidth * row.words / most)) : 0;
      bar.setAttribute("x", String(labelWidth));
      bar.setAttribute("y", String(y + 4));
      bar.setAttribute("width", String(length));
      bar.setAttribute("height", String(rowHeight - 10));
      bar.setAttribute("class", "cop-participation__bar" + (row.level === "frontline" ? " cop-participation__bar--frontline" : ""));
      svg.appendChild(bar);
      var value = document.createElementNS(ns, "text");
      value.setAttribute("x", String(labelWidth + length + 8));
      value.setAttribute("y", String(y + 21));
      value.textContent = row.words + " words, " + row.messages + " msg";
      svg.appendChild(value);
    });
    this.ui.chart.textContent = "";
    this.ui.chart.appendChild(svg);
  };

  Room.prototype.renderTables = function (figures) {
    var levels = this.ui.tables.querySelector("[data-participation-levels]");
    var people = this.ui.tables.querySelector("[data-participation-people]");
    if (levels) {
      var total = figures.total_messages || 0;
      var words = figures.total_words || 0;
      levels.querySelector("caption").textContent = "By level (" + total + " message" + (total === 1 ? "" : "s") +
        ", " + words + " word" + (words === 1 ? "" : "s") + ")";
      fillRows(levels.querySelector("tbody"), (figures.by_level || []).map(function (row) {
        return [row.label, row.messages, row.words];
      }), 3, "");
    }
    if (people) {
      fillRows(people.querySelector("tbody"), (figures.by_person || []).map(function (row) {
        return [row.name, row.level_label || "", row.messages, row.words];
      }), 4, "No one has spoken yet in this session.");
    }
  };

  function fillRows(tbody, rows, columns, emptyText) {
    tbody.textContent = "";
    if (!rows.length && emptyText) {
      var none = el("tr");
      var cell = el("td", null, emptyText);
      cell.colSpan = columns;
      none.appendChild(cell);
      tbody.appendChild(none);
      return;
    }
    rows.forEach(function (cells) {
      var tr = el("tr");
      cells.forEach(function (value, index) {
        var cell = el(index === 0 ? "th" : "td", typeof value === "number" ? "cop-number" : null, String(value));
        if (index === 0) { cell.scope = "row"; }
        tr.appendChild(cell);
      });
      tbody.appendChild(tr);
    });
  }

  // --- the page's controls --------------------------------------------------------------------------------
  Room.prototype.bind = function () {
    var self = this;
    var ui = this.ui;
    ui.composer.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    ui.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        self.submit();
      }
    });
    ui.input.addEventListener("input", function () { self.typed(); });
    ui.list.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      if (button.hasAttribute("data-retry")) { self.retry(button.getAttribute("data-retry")); }
      if (button.hasAttribute("data-discard")) {
        self.forget(button.getAttribute("data-discard"), true);
        if (!self.anyFailed()) { self.clearAlert(); }  // nothing left that the alert is about
        hidden(self.ui.empty, self.ui.list.children.length > 0);
        self.ui.input.focus();
      }
      if (button.hasAttribute("data-remove-message")) {
        self.send({ type: "moderate", action: "remove", message_id: parseInt(button.getAttribute("data-remove-message"), 10) });
      }
    });
    ui.list.addEventListener("submit", function (event) {
      var form = event.target.closest("[data-reveal-form]");
      if (!form) { return; }
      event.preventDefault();  // over the socket: the answer comes back to this moderator alone
      var reason = form.querySelector("input[name=reason]").value.trim();
      if (!reason) { form.querySelector("input[name=reason]").focus(); return; }
      if (!self.send({ type: "reveal", message_id: parseInt(form.getAttribute("data-reveal-form"), 10), reason: reason })) {
        self.showAlert("Not connected just now: try again in a moment.");
      }
    });
    if (ui.earlier) {
      ui.earlier.addEventListener("click", function () {
        var first = ui.list.querySelector("[data-message-id]");
        if (!first) { return; }
        self.olderRequested = true;
        self.send({ type: "history", before: parseInt(first.getAttribute("data-message-id"), 10) });
      });
    }
    if (ui.hand) {
      ui.hand.addEventListener("click", function () {
        self.send({ type: "hand", raised: ui.hand.getAttribute("aria-pressed") !== "true" });
      });
    }
    [ui.hands, ui.presence].forEach(function (list) {
      if (!list) { return; }
      list.addEventListener("click", function (event) {
        var button = event.target.closest("[data-give-floor]");
        if (button) { self.send({ type: "floor", user_id: parseInt(button.getAttribute("data-give-floor"), 10) }); }
      });
    });
    if (ui.facilitation) {
      ui.facilitation.addEventListener("click", function (event) {
        var button = event.target.closest("button");
        if (!button) { return; }
        if (button.hasAttribute("data-toggle-state")) {
          self.send({ type: "room", state: self.info.state === "open" ? "closed" : "open" });
        } else if (button.hasAttribute("data-round")) {
          self.send({ type: "round", action: button.getAttribute("data-round") });
        } else if (button.hasAttribute("data-take-floor")) {
          self.send({ type: "floor", user_id: null });
        }
      });
    }
    if (ui.dismissRules) {
      ui.dismissRules.addEventListener("click", function () { self.agreeToRules(); });
    }
    if (ui.skip) {
      ui.skip.addEventListener("click", function (event) {
        event.preventDefault();
        self.focusComposer();
      });
    }
    // The messages' Actions menus: one open at a time; Escape closes the open one and focus goes back to its button.
    ui.list.addEventListener("toggle", function (event) {
      var opened = event.target;
      if (!opened.open || !opened.hasAttribute("data-message-actions")) { return; }
      ui.list.querySelectorAll("[data-message-actions][open]").forEach(function (other) {
        if (other !== opened) { other.open = false; }
      });
    }, true);
    ui.list.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var menu = event.target.closest("[data-message-actions]");
      if (!menu || !menu.open) { return; }
      event.preventDefault();
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  };

  document.querySelectorAll("[data-room]").forEach(function (root) { root.roomClient = new Room(root); });
})();
