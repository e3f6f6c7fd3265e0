// Mounts the chat widget (rasa-webchat, served from this site) on the page,
// connected to Rasa's socket.io channel, and fills the widget's gaps in
// accessibility: names for its controls, a live region for new messages, and
// quick replies that work from the keyboard.
(function () {
  "use strict";

  var config = window.CLINIC_CHAT || { socketUrl: "http://localhost:5005" };
  var container = document.getElementById("chat");

  window.WebChat.default(
    {
      socketUrl: config.socketUrl,
      socketPath: "/socket.io/",
      // Sent when a tab opens the chat for the first time. The widget keeps the
      // session id and history in sessionStorage: a reload keeps the conversation
      // (Rasa continues it: session_persistence), closing the tab forgets it,
      // which suits a shared computer.
      initPayload: "/greet",
      params: { storage: "session" },
      title: "Clinic assistant",
      subtitle: "Automated, not a clinician",
      inputTextFieldHint: "Type your question",
      connectingText: "Connecting…",
      embedded: true,
      showCloseButton: false,
      showFullScreenButton: false,
      hideWhenNotConnected: false,
      withRules: false,
      // How long the "typing" dots show before each reply appears.
      customMessageDelay: function (message) {
        return Math.min(1500, 400 + message.length * 4);
      }
    },
    container
  );

  function setAttributes(element, attributes) {
    if (!element) return;
    Object.keys(attributes).forEach(function (name) {
      if (element.getAttribute(name) !== attributes[name]) {
        element.setAttribute(name, attributes[name]);
      }
    });
  }

  function each(selector, callback) {
    Array.prototype.forEach.call(container.querySelectorAll(selector), callback);
  }

  var inputSeen = false;

  function enhance() {
    var input = container.querySelector(".rw-new-message");
    if (input && !inputSeen) {
      inputSeen = true;
      // The widget grabs the focus when it mounts: give it back to the page, so a
      // phone does not open its keyboard over the emergency and privacy notes.
      if (document.activeElement === input) input.blur();
    }
    setAttributes(container.querySelector(".rw-messages-container"), {
      role: "log",
      "aria-live": "polite",
      "aria-label": "Conversation"
    });
    setAttributes(container.querySelector(".rw-new-message"), { "aria-label": "Your message" });
    setAttributes(container.querySelector(".rw-send"), { "aria-label": "Send" });
    each(".rw-send svg", function (icon) {
      setAttributes(icon, { "aria-hidden": "true", focusable: "false" });
    });
    each(".rw-title", function (title) {
      setAttributes(title, { role: "heading", "aria-level": "2" });
    });
    each(".rw-reply", function (reply) {
      // links are focusable already; the widget renders the other replies as divs
      if (reply.tagName !== "A") setAttributes(reply, { role: "button", tabindex: "0" });
    });
    each(".rw-typing-indication", function (dots) {
      setAttributes(dots, { role: "status", "aria-label": "The assistant is typing" });
    });
    each(".rw-loading", function (status) {
      setAttributes(status, { role: "status" });
    });
    // Each paragraph takes its direction from its own first letters: an Arabic or
    // Urdu paragraph of a reply reads right to left, its English one left to right.
    each(".rw-message-text, .rw-message-text p", function (text) {
      setAttributes(text, { dir: "auto" });
    });
  }

  // Enter or Space on a focused quick reply presses it, then the focus goes to the
  // message box (the replies disappear once one is chosen).
  container.addEventListener("keydown", function (event) {
    var reply = event.target;
    if (!reply.classList || !reply.classList.contains("rw-reply") || reply.tagName === "A") return;
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    reply.click();
    var input = container.querySelector(".rw-new-message");
    if (input) input.focus();
  });

  new MutationObserver(enhance).observe(container, { childList: true, subtree: true });
  enhance();
})();
