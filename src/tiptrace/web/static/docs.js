// Swagger UI 5 (reads OpenAPI 3.1), bundled from swagger-ui-dist under /static/vendor: no CDN.
window.addEventListener("DOMContentLoaded", function () {
  if (window.SwaggerUIBundle) {
    window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui",
      deepLinking: false, defaultModelsExpandDepth: 0 });
  }
});
