// Swagger UI from the swagger-ui-bundle package, served locally (no CDN).
window.addEventListener("DOMContentLoaded", function () {
  if (window.SwaggerUIBundle) {
    window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui" });
  }
});
