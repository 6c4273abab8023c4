// One WebSocket that stays connected, for the live pages: the live room (static/js/room.js) and
// live threads (static/js/live-thread.js), both speaking docs/protocols.md. It owns what the two share:
// the URL with ?after=<the highest id seen>, reconnecting with exponential backoff and jitter,
// reconnecting at once when the browser comes back online, keepalive pings for streams that want
// them, telling frames already seen from new ones by their id, and stopping for good on a close code
// after which reconnecting cannot help. What the frames mean is the page's business: it gets each
// new frame, parsed, through the callbacks it passes in. No framework, no build step.
//
//   var live = new LiveSocket({
//     path: "/ws/rooms/slug/",        // where the stream is, on this host
//     after: 41,                      // the highest id the page already shows; null: none
//     inOrder: true,                  // the server sends ids in increasing order, without gaps
//     idOf: function (frame) {...},   // the id a frame carries, or null: repeats never reach onFrame
//     keepalive: true,                // send {"type": "ping"} when quiet; no answer means a dead socket
//     onOpen: function (after) {...}, // connected, having asked for what came after `after` (or null)
//     onFrame: function (frame) {...},
//     onState: function (state) {...},   // "connecting", "open", "reconnecting" or "offline"
//     onRefused: function (code) {...}    // 4401, 4403 or 4404: it has stopped and will not reconnect
//   });
//   live.start(); live.send(frame); live.fresh(id); live.startOver(); live.stop();
(function () {
  "use strict";

  var BACKOFF_FIRST_MS = 1000;
  var BACKOFF_MAX_MS = 30000;
  var STABLE_AFTER_MS = 5000;  // open this long, a socket counts as recovered: backoff starts again from 1 s
  var PING_EVERY_MS = 20000;   // rooms drop a member they have not heard from in a minute
  var PONG_WITHIN_MS = 10000;
  var REMEMBERED_IDS = 1000;   // where ids may come out of order, how many recent ones count as seen
  // Close codes after which reconnecting cannot help (docs/protocols.md): signed out, not allowed, gone.
  var REFUSALS = { 4401: true, 4403: true, 4404: true };

  function nothing() {}

  function LiveSocket(options) {
    this.path = options.path;
    this.after = typeof options.after === "number" ? options.after : null;
    this.inOrder = !!options.inOrder;
    this.idOf = options.idOf || function () { return null; };
    this.keepalive = !!options.keepalive;
    this.onOpen = options.onOpen || nothing;
    this.onFrame = options.onFrame || nothing;
    this.onState = options.onState || nothing;
    this.onRefused = options.onRefused || nothing;
    this.recent = {};       // id -> true, for streams whose ids may arrive out of order
    this.recentOrder = [];
    this.socket = null;
    this.attempts = 0;
    this.timers = {};
    this.started = false;
    this.stopped = false;
    this.paused = false;   // stopped only while the page sits in the back-forward cache
  }

  LiveSocket.prototype.start = function () {
    if (this.started) { return; }
    this.started = true;
    var self = this;
    window.addEventListener("offline", function () { self.wentOffline(); });
    window.addEventListener("online", function () { self.cameOnline(); });
    // Closing on the way out lets the browser keep the page in its back-forward cache; coming back
    // to it, the socket catches up from the highest id seen.
    window.addEventListener("pagehide", function () { self.pause(); });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && self.paused) { self.paused = false; self.stopped = false; self.reconnectNow(); }
    });
    this.connect();
  };

  // --- what has been seen ----------------------------------------------------------------------------
  // Whether a frame with this id is new, remembering it if so. Where the server promises increasing
  // ids (rooms), anything not above the highest seen is a repeat; elsewhere, only an id seen lately is.
  LiveSocket.prototype.fresh = function (id) {
    if (this.inOrder ? this.after !== null && id <= this.after : this.recent[id]) { return false; }
    if (this.after === null || id > this.after) { this.after = id; }
    if (!this.inOrder) {
      this.recent[id] = true;
      this.recentOrder.push(id);
      if (this.recentOrder.length > REMEMBERED_IDS) { delete this.recent[this.recentOrder.shift()]; }
    }
    return true;
  };

  // Forget every id seen and connect again without ?after=: for a page that has thrown away what it
  // showed, because the server had more to replay than it sends (a `reload` frame).
  LiveSocket.prototype.startOver = function () {
    this.after = null;
    this.recent = {};
    this.recentOrder = [];
    this.reconnectNow();
  };

  // --- the connection --------------------------------------------------------------------------------
  LiveSocket.prototype.url = function () {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + this.path + (this.after === null ? "" : "?after=" + this.after);
  };

  LiveSocket.prototype.connect = function () {
    if (this.stopped || this.socket) { return; }
    window.clearTimeout(this.timers.reconnect);
    var self = this;
    var after = this.after;
    var socket;
    this.onState(this.attempts ? "reconnecting" : "connecting");
    try {
      socket = new WebSocket(this.url());
    } catch (error) {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = function () {
      if (socket !== self.socket) { return; }
      self.timers.stable = window.setTimeout(function () { self.attempts = 0; }, STABLE_AFTER_MS);
      if (self.keepalive) { self.startHeartbeat(); }
      self.onState("open");
      self.onOpen(after);
    };
    socket.onmessage = function (event) {
      if (socket !== self.socket) { return; }
      window.clearTimeout(self.timers.pong);  // anything heard says the connection is alive
      var frame;
      try { frame = JSON.parse(event.data); } catch (error) { return; }
      if (!frame || typeof frame !== "object" || frame.type === "pong") { return; }
      var id = self.idOf(frame);
      if (typeof id === "number" && !self.fresh(id)) { return; }  // seen already: exactly once
      self.onFrame(frame);
    };
    socket.onclose = function (event) {
      if (socket !== self.socket) { return; }
      self.closed(event.code);
    };
  };

  LiveSocket.prototype.closed = function (code) {
    this.forgetSocket();
    if (REFUSALS[code]) {
      this.stopped = true;
      window.clearTimeout(this.timers.reconnect);
      this.onRefused(code);
    } else if (navigator.onLine === false) {
      this.onState("offline");  // the "online" event reconnects
    } else {
      this.scheduleReconnect();
    }
  };

  // Exponential backoff with jitter: 1 s, 2 s, 4 s... up to 30 s, each between half and all of that,
  // so a restarted server is not met by every client at the same moment.
  LiveSocket.prototype.scheduleReconnect = function () {
    if (this.stopped) { return; }
    var ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * Math.pow(2, this.attempts));
    this.attempts += 1;
    this.onState("reconnecting");
    window.clearTimeout(this.timers.reconnect);
    this.timers.reconnect = window.setTimeout(this.connect.bind(this), ceiling / 2 + Math.random() * ceiling / 2);
  };

  LiveSocket.prototype.reconnectNow = function () {
    if (this.stopped) { return; }
    this.drop();
    this.attempts = 0;
    this.connect();
  };

  // Forget the socket at once and close it: a dead network may take minutes to report the close.
  LiveSocket.prototype.drop = function () {
    var socket = this.socket;
    this.forgetSocket();
    if (socket) {
      try { socket.close(); } catch (error) { /* already closing */ }
    }
  };

  LiveSocket.prototype.forgetSocket = function () {
    this.socket = null;
    window.clearTimeout(this.timers.stable);
    this.stopHeartbeat();
  };

  LiveSocket.prototype.wentOffline = function () {
    if (this.stopped) { return; }
    this.drop();
    window.clearTimeout(this.timers.reconnect);
    this.onState("offline");
  };

  LiveSocket.prototype.cameOnline = function () { this.reconnectNow(); };

  LiveSocket.prototype.pause = function () {
    if (this.stopped) { return; }
    this.paused = true;
    this.stop();
  };

  // For good: nothing reconnects after this (a refusal, or a page about to reload).
  LiveSocket.prototype.stop = function () {
    this.stopped = true;
    window.clearTimeout(this.timers.reconnect);
    this.drop();
  };

  LiveSocket.prototype.isOpen = function () {
    return !!this.socket && this.socket.readyState === WebSocket.OPEN;
  };

  // Sends the frame as JSON if the socket is open; false if it is not (nothing is queued).
  LiveSocket.prototype.send = function (frame) {
    if (!this.isOpen()) { return false; }
    this.socket.send(JSON.stringify(frame));
    return true;
  };

  LiveSocket.prototype.startHeartbeat = function () {
    var self = this;
    this.stopHeartbeat();
    this.timers.ping = window.setInterval(function () {
      if (!self.send({ type: "ping" })) { return; }
      window.clearTimeout(self.timers.pong);
      self.timers.pong = window.setTimeout(function () {
        // No answer: the connection is dead even if the browser has not noticed.
        self.drop();
        self.scheduleReconnect();
      }, PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  };

  LiveSocket.prototype.stopHeartbeat = function () {
    window.clearInterval(this.timers.ping);
    window.clearTimeout(this.timers.pong);
  };

  window.LiveSocket = LiveSocket;
})();
