/// The gateway's OpenAPI 3.1 document, served at `GET /openapi.yaml` (relay-protocol.md §8). The same text is
/// committed as `docs/relay-gateway.openapi.yaml` for linters and code generators; the tests check that the two are
/// identical, that it parses, and that it names every route the router serves.
public enum RelayGatewayOpenAPI {
    /// The document, YAML.
    public static let document = #"""
openapi: 3.1.0
info:
  title: Persona Relay Gateway
  version: 0.1.0
  summary: Three HTTP endpoints over the Persona Relay Server SDK.
  description: |
    A stateless, self-hosted wrapper around the Relay API (relay-protocol.md section 8). Credentials travel with
    each request: the API key as a Bearer token at issuance, the relay secret in `Persona-Relay-Secret`.
    Request bodies accept kebab-case, camelCase and snake_case keys (two spellings of one key are refused);
    responses use kebab-case. Every response carries a `Request-Id`: the upstream's when there is one,
    otherwise the gateway's own `req_...`. Upstream errors are passed through with their status, their
    `errors` body and their `Request-Id`, `Retry-After` and `RateLimit-*` headers.
  license:
    name: Apache-2.0
    identifier: Apache-2.0
servers:
  - url: http://127.0.0.1:8080
    description: A local gateway (`relay-gateway --port 8080`).
paths:
  /relays:
    post:
      operationId: createRelay
      summary: Create a Relay session (relays.create).
      description: No authentication. Returns the relay token and secret to keep on the server, and the session
        access token for the widget.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/CreateRelayRequest'
            example:
              claim-type: age_over18_united_kingdom
              encryption-key-pem: "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n"
      responses:
        '200':
          description: The relay.
          headers:
            Request-Id:
              $ref: '#/components/headers/Request-Id'
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CreateRelayResponse'
        '400':
          $ref: '#/components/responses/BadRequest'
        '405':
          $ref: '#/components/responses/MethodNotAllowed'
        '422':
          $ref: '#/components/responses/UpstreamError'
        '429':
          $ref: '#/components/responses/RateLimited'
        '502':
          $ref: '#/components/responses/NetworkError'
        '504':
          $ref: '#/components/responses/Timeout'
        default:
          $ref: '#/components/responses/UpstreamError'
  /relays/privacy-passes:
    post:
      operationId: issuePrivacyPass
      summary: Issue a Privacy Pass (relays.issuePrivacyPass).
      description: |
        Requires `Authorization: Bearer <API key>`; without it the gateway answers 401 without contacting Persona.
        Send either `claim-type` (the challenge flow; an API key starting with `persona_sandbox_` requests the
        challenge with `sandbox: true`) or the older form, `relay-token` with a `Persona-Relay-Secret` header.
        Both or neither is 400. This call is Persona's billing point.
      security:
        - apiKey: []
      parameters:
        - name: Persona-Relay-Secret
          in: header
          required: false
          description: The relay secret; only with `relay-token`.
          schema:
            type: string
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/IssuePrivacyPassRequest'
            example:
              claim-type: age_over18_united_kingdom
      responses:
        '200':
          description: The Privacy Pass token.
          headers:
            Request-Id:
              $ref: '#/components/headers/Request-Id'
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/IssuePrivacyPassResponse'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/Unauthorized'
        '403':
          $ref: '#/components/responses/UpstreamError'
        '404':
          $ref: '#/components/responses/UpstreamError'
        '405':
          $ref: '#/components/responses/MethodNotAllowed'
        '422':
          $ref: '#/components/responses/UpstreamError'
        '429':
          $ref: '#/components/responses/RateLimited'
        '502':
          $ref: '#/components/responses/NetworkError'
        '504':
          $ref: '#/components/responses/Timeout'
        default:
          $ref: '#/components/responses/UpstreamError'
  /relays/{relay-token}/redeem:
    post:
      operationId: redeemRelay
      summary: Redeem a Privacy Pass and retrieve the claim (relays.generateClaim).
      description: |
        The claim payload is passed through untouched: compact JSON text, or base64 of an RSA-OAEP ciphertext
        when the relay was created with an encryption key. An `Idempotency-Key` is forwarded; without one the
        gateway makes one per call and reuses it on its own retries, so a retried redemption replays the
        original result.
      parameters:
        - name: relay-token
          in: path
          required: true
          schema:
            type: string
        - name: Persona-Relay-Secret
          in: header
          required: true
          schema:
            type: string
        - name: Idempotency-Key
          in: header
          required: false
          description: 1 to 255 visible ASCII characters; the same key replays the same answer.
          schema:
            type: string
            minLength: 1
            maxLength: 255
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/RedeemRequest'
      responses:
        '200':
          description: The claim.
          headers:
            Request-Id:
              $ref: '#/components/headers/Request-Id'
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/RedeemResponse'
        '400':
          $ref: '#/components/responses/BadRequest'
        '401':
          $ref: '#/components/responses/UpstreamError'
        '403':
          $ref: '#/components/responses/UpstreamError'
        '404':
          $ref: '#/components/responses/UpstreamError'
        '405':
          $ref: '#/components/responses/MethodNotAllowed'
        '409':
          $ref: '#/components/responses/UpstreamError'
        '422':
          $ref: '#/components/responses/UpstreamError'
        '429':
          $ref: '#/components/responses/RateLimited'
        '502':
          $ref: '#/components/responses/NetworkError'
        '504':
          $ref: '#/components/responses/Timeout'
        default:
          $ref: '#/components/responses/UpstreamError'
  /health:
    get:
      operationId: health
      summary: Readiness probe; does not contact Persona.
      responses:
        '200':
          description: The gateway is serving.
          headers:
            Request-Id:
              $ref: '#/components/headers/Request-Id'
          content:
            application/json:
              schema:
                type: object
                required: [status]
                properties:
                  status:
                    type: string
                    const: ok
        '405':
          $ref: '#/components/responses/MethodNotAllowed'
  /openapi.yaml:
    get:
      operationId: openAPIDocument
      summary: This document.
      responses:
        '200':
          description: The OpenAPI document.
          content:
            application/yaml:
              schema:
                type: string
        '405':
          $ref: '#/components/responses/MethodNotAllowed'
components:
  securitySchemes:
    apiKey:
      type: http
      scheme: bearer
      description: A Persona API key with the `privacy_pass.write` permission.
  headers:
    Request-Id:
      description: The upstream's request id, or the gateway's own `req_...` when there is none.
      schema:
        type: string
    Retry-After:
      description: Seconds to wait (passed through from Persona).
      schema:
        type: integer
    RateLimit-Limit:
      description: Requests allowed per window (passed through from Persona).
      schema:
        type: integer
    RateLimit-Remaining:
      description: Requests left in the window (passed through from Persona).
      schema:
        type: integer
    RateLimit-Reset:
      description: Seconds until the window ends (passed through from Persona).
      schema:
        type: integer
  schemas:
    CreateRelayRequest:
      type: object
      required: [claim-type]
      properties:
        claim-type:
          type: string
          examples: [age_over18_united_kingdom]
        encryption-key-pem:
          type: [string, 'null']
          description: An RSA public key PEM (2048 to 4096 bits) to encrypt the claim payload; null (or absent)
            for a plaintext payload.
        sandbox:
          type: boolean
          description: Create the relay in Persona's sandbox environment.
    CreateRelayResponse:
      type: object
      required: [relay-token, relay-secret, relay-session-access-token]
      properties:
        relay-token:
          type: string
        relay-secret:
          type: string
        relay-session-access-token:
          type: string
    IssuePrivacyPassRequest:
      oneOf:
        - type: object
          title: By claim type
          required: [claim-type]
          properties:
            claim-type:
              type: string
        - type: object
          title: By relay (older flow; needs Persona-Relay-Secret)
          required: [relay-token]
          properties:
            relay-token:
              type: string
    IssuePrivacyPassResponse:
      type: object
      required: [privacy-pass-token]
      properties:
        privacy-pass-token:
          type: string
    RedeemRequest:
      type: object
      required: [privacy-pass-token]
      properties:
        privacy-pass-token:
          type: string
    RedeemResponse:
      type: object
      required: [claim-payload, token-consumed]
      properties:
        claim-payload:
          type: string
          description: Passed through from Persona untouched.
        token-consumed:
          type: boolean
          description: false means the claim did not pass and the pass was refunded.
    ErrorBody:
      type: object
      required: [errors]
      properties:
        errors:
          type: array
          minItems: 1
          items:
            type: object
            required: [title]
            properties:
              title:
                type: string
              details:
                type: string
              code:
                type: string
                description: snake_case (invalid_request, unauthorized, not_found, method_not_allowed, ...).
              meta:
                type: object
  responses:
    BadRequest:
      description: The gateway refused the request (body not a JSON object, a missing or ill-typed field, invalid
        JSON, a Content-Type other than application/json, a body over 64 KiB), or Persona did.
      headers:
        Request-Id:
          $ref: '#/components/headers/Request-Id'
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorBody'
    Unauthorized:
      description: No `Authorization Bearer` API key (answered without contacting Persona), or Persona refused it.
      headers:
        Request-Id:
          $ref: '#/components/headers/Request-Id'
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorBody'
    MethodNotAllowed:
      description: A method other than the route's.
      headers:
        Allow:
          description: The allowed method.
          schema:
            type: string
        Request-Id:
          $ref: '#/components/headers/Request-Id'
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorBody'
    RateLimited:
      description: Persona's rate limit, passed through.
      headers:
        Request-Id:
          $ref: '#/components/headers/Request-Id'
        Retry-After:
          $ref: '#/components/headers/Retry-After'
        RateLimit-Limit:
          $ref: '#/components/headers/RateLimit-Limit'
        RateLimit-Remaining:
          $ref: '#/components/headers/RateLimit-Remaining'
        RateLimit-Reset:
          $ref: '#/components/headers/RateLimit-Reset'
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorBody'
    NetworkError:
      description: Persona could not be reached (title "Network error"), or its answer could not be used.
      headers:
        Request-Id:
          $ref: '#/components/headers/Request-Id'
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorBody'
    Timeout:
      description: Persona did not answer in time (title "Request to Persona timed out").
      headers:
        Request-Id:
          $ref: '#/components/headers/Request-Id'
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorBody'
    UpstreamError:
      description: Persona's error, passed through with its status and body.
      headers:
        Request-Id:
          $ref: '#/components/headers/Request-Id'
        RateLimit-Limit:
          $ref: '#/components/headers/RateLimit-Limit'
        RateLimit-Remaining:
          $ref: '#/components/headers/RateLimit-Remaining'
        RateLimit-Reset:
          $ref: '#/components/headers/RateLimit-Reset'
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorBody'

"""#
}
