// Swagger UI on the gateway's own OpenAPI document; "Authorize" takes a gateway key for "Try it out".
window.ui = SwaggerUIBundle({
  url: "/openapi",
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: true,
  tryItOutEnabled: false,
  validatorUrl: null, // the default asks a public validator: the page must work offline
});
