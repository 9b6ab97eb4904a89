// The participant page of a Parcours workshop room. No framework, nothing fetched from elsewhere.
// Participant text is only ever set with textContent or as a form value, never as markup.
// Notes and ballots wait in an outbox in localStorage until the host acknowledges them by id,
// so a phone that sleeps, reloads or loses Wi-Fi sends them once it is back, exactly once.
"use strict";

(function () {
  const body = document.body;
  const base = body.dataset.base;
  const maxChars = Number(body.dataset.max) || 500;
  const words = JSON.parse(document.getElementById("words").textContent);
  const word = (key, values) => {
    let text = words[key] || key;
    for (const name in values || {}) text = text.replace("{" + name + "}", String(values[name]));
    return text;
  };
  const $ = (id) => document.getElementById(id);
  const store = {
    get(key, fallback) {
      try {
        const value = localStorage.getItem(key);
        return value === null ? fallback : JSON.parse(value);
      } catch (_) {
        return fallback;
      }
    },
    set(key, value) {
      try { localStorage.setItem(key, JSON.stringify(value)); } catch (_) { /* private mode: memory only */ }
    },
  };
  const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
  const randomId = (prefix) => {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return prefix + "-" + Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
  };

  const room = base; // the outbox belongs to this room's link
  let participant = store.get("parcours.participant", null);
  if (!participant) {
    participant = randomId("u");
    store.set("parcours.participant", participant);
  }
  let outbox = store.get("parcours.outbox:" + room, []);
  let dots = store.get("parcours.dots:" + room, []);
  const saveOutbox = () => store.set("parcours.outbox:" + room, outbox);
  const saveDots = () => store.set("parcours.dots:" + room, dots);

  let socket = null;
  let connected = false;
  let ended = false;
  let retryDelay = 1000;
  let reconnectTimer = null;
  let view = null;
  let voteDeadline = null;

  // ---- connection ----
  const showConnection = (key) => {
    const el = $("connection");
    el.textContent = word(key) + (outbox.length ? " · " + word("pending", { n: outbox.length }) : "");
    el.classList.toggle("offline", key !== "online");
  };

  const send = (message) => {
    if (connected && socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  };

  const flush = () => {
    for (const message of outbox) if (!send(message)) break;
  };

  const connect = () => {
    if (ended || (socket && socket.readyState <= WebSocket.OPEN)) return;
    clearTimeout(reconnectTimer);
    showConnection("connecting");
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(scheme + "//" + location.host + base + "ws");
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: "hello", participant }));
    };
    socket.onmessage = (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (_) { return; }
      receive(message);
    };
    socket.onclose = () => {
      connected = false;
      body.dataset.connected = "false";
      socket = null;
      if (ended) return;
      showConnection("offline");
      reconnectTimer = setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    };
    socket.onerror = () => { /* onclose follows */ };
  };

  const forget = (id) => {
    const before = outbox.length;
    outbox = outbox.filter((m) => m.id !== id);
    if (outbox.length !== before) saveOutbox();
    return before !== outbox.length;
  };

  const noteStatus = (key, values, kind) => {
    const el = $("note-status");
    el.textContent = key ? word(key, values) : "";
    el.className = "status " + (kind || "");
  };

  const receive = (message) => {
    switch (message.type) {
      case "welcome":
        connected = true;
        body.dataset.connected = "true";
        retryDelay = 1000;
        showConnection("online");
        flush();
        break;
      case "view":
        showView(message);
        break;
      case "ack": {
        const pending = outbox.find((m) => m.id === message.id);
        forget(message.id);
        if (pending && pending.type === "note") noteStatus("sent", null, "ok");
        if (pending && pending.type === "ballot") $("vote-status").textContent = "";
        showConnection("online");
        break;
      }
      case "refused": {
        if (message.retry && message.id) {
          noteStatus(message.reason === "rate" || message.reason === "room_rate" ? "rate" : "refused", null, "warn");
          setTimeout(flush, 5000);
          break;
        }
        if (!message.id) {
          // The connection itself was refused.
          if (message.reason === "removed" || message.reason === "full") {
            ended = message.reason === "removed";
            showConnection(message.reason);
          }
          break;
        }
        const pending = outbox.find((m) => m.id === message.id);
        forget(message.id);
        const key = message.reason === "too_long" ? "too_long" : "refused";
        if (pending && pending.type === "ballot") {
          $("vote-status").textContent = message.reason === "no_vote" ? word("vote_closed") : word("refused");
        } else {
          noteStatus(key, { n: maxChars }, "warn");
        }
        showConnection("online");
        break;
      }
      case "closed":
        ended = message.reason === "removed" || message.reason === "renewed" || message.reason === "closed";
        showConnection(message.reason === "removed" ? "removed" : "closed");
        break;
      default:
        break;
    }
  };

  // ---- the note form ----
  const form = $("note-form");
  const text = $("text");
  const name = $("name");
  name.value = store.get("parcours.name", "");
  const updateChars = () => {
    $("chars").textContent = word("chars_left", { n: maxChars - text.value.length });
  };
  text.addEventListener("input", updateChars);
  updateChars();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value) return;
    store.set("parcours.name", name.value.trim());
    const emotion = $("emotion").value;
    const note = {
      type: "note",
      id: randomId("n"),
      text: value,
      stage: $("stage").value || null,
      kind: $("kind").value || "Note",
      emotion: emotion === "" ? null : Number(emotion),
      name: name.value.trim(),
    };
    outbox.push(note);
    saveOutbox();
    text.value = "";
    updateChars();
    if (send(note)) {
      noteStatus("", null);
    } else {
      noteStatus("offline", null, "warn");
    }
    showConnection(connected ? "online" : "offline");
  });

  // ---- the map ----
  const mapBox = $("map");
  const image = $("map-image");
  let imageUrl = null;
  let scale = 1;
  const follow = $("follow");
  mapBox.addEventListener("scroll", () => {
    // A hand on the map stops following until the box is ticked again.
  });

  // Follows the presented stage; before any, shows the first stage's column from its header.
  const scrollToPresented = (first) => {
    if (!view || !follow.checked) return;
    const presented = view.presented === null || view.presented === undefined ? null : view.presented;
    if (presented === null && !first) return;
    const stage = view.stages[presented === null ? 0 : presented];
    if (!stage) return;
    mapBox.scrollLeft = Math.max(0, stage.x0 * scale - 8);
    if (first || mapBox.scrollTop < stage.y0 * scale - 8) mapBox.scrollTop = Math.max(0, stage.y0 * scale - 8);
  };

  const showView = (next) => {
    const first = view === null;
    view = next;
    body.dataset.revision = String(next.revision);
    $("map-title").textContent = next.title || word("title");
    // The stages for the form, by name (as text).
    const select = $("stage");
    const chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const stage of next.stages) {
      const option = document.createElement("option");
      option.value = stage.id;
      option.textContent = stage.name;
      select.appendChild(option);
    }
    select.value = next.stages.some((s) => s.id === chosen) ? chosen : "";
    const emotion = $("emotion");
    const feeling = emotion.value;
    while (emotion.options.length > 1) emotion.remove(1);
    for (const level of next.emotions || []) {
      const option = document.createElement("option");
      option.value = String(level.value);
      option.textContent = level.label || words["emotion_" + level.value] || String(level.value);
      emotion.appendChild(option);
    }
    emotion.value = (next.emotions || []).some((l) => String(l.value) === feeling) ? feeling : "";
    // The picture: an <img> of a blob, so nothing in the SVG can run.
    const width = mapBox.clientWidth || 340;
    scale = Math.max(0.3, (width - 16) / 230);
    const blob = new Blob([next.svg], { type: "image/svg+xml" });
    const url = URL.createObjectURL(blob);
    image.onload = () => {
      if (imageUrl) URL.revokeObjectURL(imageUrl);
      imageUrl = url;
      scrollToPresented(first);
    };
    image.width = Math.round(next.size[0] * scale);
    image.height = Math.round(next.size[1] * scale);
    image.alt = next.title || "";
    image.src = url;
    showVote();
  };

  follow.addEventListener("change", () => scrollToPresented(true));

  // ---- dot voting ----
  const showVote = () => {
    const section = $("vote");
    const vote = view && view.vote;
    if (!vote || !vote.open) {
      section.hidden = !(vote && dots.length);
      $("votes-left").textContent = vote ? word("vote_closed") : "";
      $("vote-cards").replaceChildren();
      $("time-left").textContent = "";
      voteDeadline = null;
      return;
    }
    section.hidden = false;
    const cards = view.cards;
    const known = new Set(cards.map((c) => c.id));
    const kept = dots.filter((id) => known.has(id));
    if (kept.length !== dots.length) {
      dots = kept;
      saveDots();
    }
    const left = vote.per_participant - dots.length;
    $("votes-left").textContent = word("votes_left", { n: left });
    voteDeadline = typeof view.vote_ends_in === "number" ? Date.now() + view.vote_ends_in * 1000 : null;
    tickTimer();
    const list = $("vote-cards");
    list.replaceChildren();
    for (const card of cards) {
      const mine = dots.filter((id) => id === card.id).length;
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "card";
      button.setAttribute("aria-pressed", mine > 0 ? "true" : "false");
      button.textContent = card.title;
      const count = document.createElement("span");
      count.className = "dots";
      count.textContent = (mine ? "●".repeat(mine) + " · " : "") + word("in_all", { n: card.votes });
      button.appendChild(count);
      button.disabled = left <= 0 && mine === 0;
      button.addEventListener("click", () => addDot(card.id));
      item.appendChild(button);
      if (mine > 0) {
        const minus = document.createElement("button");
        minus.type = "button";
        minus.className = "minus secondary";
        minus.textContent = "−";
        minus.setAttribute("aria-label", word("vote_clear") + " — " + card.title);
        minus.addEventListener("click", () => removeDot(card.id));
        item.appendChild(minus);
      }
      list.appendChild(item);
    }
  };

  const sendBallot = () => {
    // Only the latest ballot matters: it replaces any one still waiting.
    outbox = outbox.filter((m) => m.type !== "ballot");
    const ballot = { type: "ballot", id: randomId("b"), dots: dots.slice() };
    outbox.push(ballot);
    saveOutbox();
    send(ballot);
    showVote();
  };

  const addDot = (id) => {
    const vote = view && view.vote;
    if (!vote || !vote.open || dots.length >= vote.per_participant) return;
    dots.push(id);
    saveDots();
    sendBallot();
  };

  const removeDot = (id) => {
    const at = dots.lastIndexOf(id);
    if (at < 0) return;
    dots.splice(at, 1);
    saveDots();
    sendBallot();
  };

  image.addEventListener("click", (event) => {
    const vote = view && view.vote;
    if (!vote || !vote.open) return;
    const x = event.offsetX / scale;
    const y = event.offsetY / scale;
    const hit = view.cards.find((c) => x >= c.rect[0] && x <= c.rect[0] + c.rect[2] && y >= c.rect[1] && y <= c.rect[1] + c.rect[3]);
    if (hit) addDot(hit.id);
  });

  const tickTimer = () => {
    if (voteDeadline === null) {
      $("time-left").textContent = "";
      return;
    }
    const seconds = Math.max(0, Math.round((voteDeadline - Date.now()) / 1000));
    const t = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    $("time-left").textContent = word("time_left", { t });
  };
  setInterval(tickTimer, 1000);

  // ---- coming back ----
  window.addEventListener("online", () => { retryDelay = 1000; connect(); });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") connect();
  });
  connect();
})();
