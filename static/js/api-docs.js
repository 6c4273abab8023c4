// The API documentation page (/api/v1/docs): Swagger UI from the project's own static files, set up
// from the settings the page carries (no inline script: the site's Content-Security-Policy forbids it).
(function () {
  "use strict";
  var body = document.body;
  var config = JSON.parse(document.getElementById("swagger-settings").textContent);
  config.dom_id = "#swagger-ui";
  config.presets = [window.SwaggerUIBundle.presets.apis];
  if (body.dataset.apiCsrf && body.dataset.csrfToken) {
    config.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = body.dataset.csrfToken;
      return request;
    };
  }
  window.SwaggerUIBundle(config);
})();
