// WebAuthn for the Servicekonto pages (the only script they need). Served from /assets, never inline,
// so the CSP can forbid inline scripts. Buttons carry the server's options as JSON in data-options;
// the result goes into the form's hidden "response" field and the form is submitted normally, so the
// server stays the one place that decides (and renders) what happens next.
/* global document, SimpleWebAuthnBrowser */
(function () {
  'use strict';
  // Options are either in the page (registration) or fetched fresh per click (assertions), so two
  // WebAuthn means on one page never overwrite each other's challenge. The fetch carries the form's
  // CSRF token like any form post.
  function optionsFor(button, form) {
    var inline = button.getAttribute('data-options');
    if (inline) return Promise.resolve(JSON.parse(inline));
    var body = new URLSearchParams();
    body.set('_csrf', form.querySelector('input[name="_csrf"]').value);
    return fetch(button.getAttribute('data-options-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
    }).then(function (res) {
      if (!res.ok) throw new Error('options');
      return res.json();
    });
  }

  function init() {
    var buttons = document.querySelectorAll('button[data-webauthn]');
    Array.prototype.forEach.call(buttons, function (button) {
      var form = button.closest('form');
      var error = form && form.querySelector('[data-webauthn-error]');
      if (
        !form ||
        typeof SimpleWebAuthnBrowser === 'undefined' ||
        !SimpleWebAuthnBrowser.browserSupportsWebAuthn()
      ) {
        if (error) error.hidden = false;
        return;
      }
      button.hidden = false;
      button.addEventListener('click', function () {
        button.disabled = true;
        if (error) error.hidden = true;
        optionsFor(button, form)
          .then(function (optionsJSON) {
            return button.getAttribute('data-webauthn') === 'register'
              ? SimpleWebAuthnBrowser.startRegistration({ optionsJSON: optionsJSON })
              : SimpleWebAuthnBrowser.startAuthentication({ optionsJSON: optionsJSON });
          })
          .then(
            function (result) {
              form.querySelector('input[name="response"]').value = JSON.stringify(result);
              form.submit();
            },
            function () {
              button.disabled = false;
              if (error) error.hidden = false;
            },
          );
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
