// WebAuthn for the Servicekonto pages (the only script they need). Served from /assets, never inline,
// so the CSP can forbid inline scripts. Buttons carry the server's options as JSON in data-options;
// the result goes into the form's hidden "response" field and the form is submitted normally, so the
// server stays the one place that decides (and renders) what happens next.
/* global document, SimpleWebAuthnBrowser */
(function () {
  'use strict';
  function init() {
    var buttons = document.querySelectorAll('button[data-webauthn]');
    Array.prototype.forEach.call(buttons, function (button) {
      var form = button.closest('form');
      var error = form && form.querySelector('[data-webauthn-error]');
      if (!form || typeof SimpleWebAuthnBrowser === 'undefined' || !SimpleWebAuthnBrowser.browserSupportsWebAuthn()) {
        if (error) error.hidden = false;
        return;
      }
      button.hidden = false;
      button.addEventListener('click', function () {
        var optionsJSON;
        try { optionsJSON = JSON.parse(button.getAttribute('data-options') || ''); } catch { if (error) error.hidden = false; return; }
        button.disabled = true;
        if (error) error.hidden = true;
        var run = button.getAttribute('data-webauthn') === 'register'
          ? SimpleWebAuthnBrowser.startRegistration({ optionsJSON: optionsJSON })
          : SimpleWebAuthnBrowser.startAuthentication({ optionsJSON: optionsJSON });
        run.then(function (result) {
          form.querySelector('input[name="response"]').value = JSON.stringify(result);
          form.submit();
        }, function () {
          button.disabled = false;
          if (error) error.hidden = false;
        });
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
