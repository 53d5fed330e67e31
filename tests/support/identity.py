"""A local stand-in for the Bot Framework's identity side, so authenticated turns can be tested.

It plays two parts, over HTTPS on 127.0.0.1:
- the channel's token issuer: OpenID metadata and a JWKS whose keys carry `endorsements` (the
  channels a key may sign for), and `channel_token()` signs what the Bot Connector would send;
- the bot's login authority (an ADFS-style authority: MSAL accepts only https, and skips its
  instance discovery at login.microsoftonline.com only for ADFS, B2C or well-known hosts), whose
  token endpoint gives the bot a token for its outgoing replies (client credentials).

It runs in a thread of its own: botbuilder (JwtTokenExtractor) and MSAL fetch with blocking
`requests` calls from inside the event loop, which a server on that same loop could not answer.
Clients trust it through REQUESTS_CA_BUNDLE=`ca_file`.
"""

from __future__ import annotations

import ipaddress
import json
import ssl
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from jwt.algorithms import RSAAlgorithm

# What Microsoft's Bot Connector asks for when it gets a token to call a bot, and what a bot
# asks for to call the Bot Connector.
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey
    endorsements: tuple[str, ...] = ("msteams",)

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key()))
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256", "endorsements": list(self.endorsements)}

    def sign(self, claims: dict[str, Any], *, kid: str | None = None) -> str:
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": kid or self.kid, "typ": "JWT"})


def new_signing_key(kid: str, endorsements: tuple[str, ...] = ("msteams",)) -> SigningKey:
    return SigningKey(kid, rsa.generate_private_key(public_exponent=65537, key_size=2048), endorsements)


@dataclass(frozen=True)
class TokenRequest:
    """What the bot sent to the token endpoint (the secret only as whether it matched)."""

    grant_type: str
    client_id: str
    scope: str
    secret_matched: bool


@dataclass
class LocalIdentityProvider:
    directory: Path
    app_id: str
    app_password: str
    channel_key: SigningKey = field(default_factory=lambda: new_signing_key("channel-key"))
    webchat_only_key: SigningKey = field(default_factory=lambda: new_signing_key("webchat-key", ("webchat",)))
    token_requests: list[TokenRequest] = field(default_factory=list)
    issued_tokens: list[str] = field(default_factory=list)
    port: int = 0
    _server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/channel"

    @property
    def metadata_url(self) -> str:
        return f"{self.base_url}/v1/.well-known/openidconfiguration"

    @property
    def login_url(self) -> str:
        return f"{self.base_url}/adfs"

    @property
    def ca_file(self) -> Path:
        return self.directory / "ca.pem"

    def start(self) -> None:
        certificate, key = _write_certificates(self.directory)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certificate, key)
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.socket = context.wrap_socket(server.socket, server_side=True)
        server.daemon_threads = True
        self.port = server.server_address[1]
        self._server = server
        threading.Thread(target=server.serve_forever, name="local-identity-provider", daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def channel_token(
        self,
        service_url: str,
        *,
        audience: str | None = None,
        key: SigningKey | None = None,
        kid: str | None = None,
        issuer: str | None = None,
        lifetime: timedelta = timedelta(minutes=30),
        issued_at: datetime | None = None,
    ) -> str:
        """A token as the Bot Connector sends it to the bot (claims per botbuilder's ChannelValidation)."""
        now = issued_at or datetime.now(UTC)
        claims = {
            "iss": issuer or self.issuer,
            "aud": audience or self.app_id,
            "serviceurl": service_url,
            "nbf": int(now.timestamp()) - 5,
            "exp": int((now + lifetime).timestamp()),
        }
        return (key or self.channel_key).sign(claims, kid=kid)

    def _documents(self) -> dict[str, dict[str, Any]]:
        return {
            "/v1/.well-known/openidconfiguration": {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.base_url}/v1/authorize",
                "jwks_uri": f"{self.base_url}/v1/.well-known/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            },
            "/v1/.well-known/keys": {"keys": [self.channel_key.public_jwk(), self.webchat_only_key.public_jwk()]},
            "/adfs/.well-known/openid-configuration": {
                "issuer": f"{self.base_url}/adfs",
                "authorization_endpoint": f"{self.base_url}/adfs/oauth2/authorize",
                "token_endpoint": f"{self.base_url}/adfs/oauth2/token",
            },
        }

    def _token_response(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        request = TokenRequest(
            grant_type=form.get("grant_type", ""),
            client_id=form.get("client_id", ""),
            scope=form.get("scope", ""),
            secret_matched=form.get("client_secret") == self.app_password,
        )
        self.token_requests.append(request)
        if request.client_id != self.app_id or not request.secret_matched:
            return 401, {"error": "invalid_client", "error_description": "unknown client or wrong secret"}
        now = int(time.time())
        token = self.channel_key.sign(
            {
                "iss": f"{self.base_url}/adfs",
                "aud": "https://api.botframework.com",
                "appid": self.app_id,
                "iat": now,
                "nbf": now,
                "exp": now + 3600,
                "jti": uuid.uuid4().hex,
            }
        )
        self.issued_tokens.append(token)
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": 3600}


def _handler(provider: LocalIdentityProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            document = provider._documents().get(self.path.split("?")[0])
            if document is None:
                self._answer(404, {"error": "not_found"})
            else:
                self._answer(200, document)

        def do_POST(self) -> None:
            if self.path.split("?")[0] != "/adfs/oauth2/token":
                self._answer(404, {"error": "not_found"})
                return
            length = int(self.headers.get("Content-Length") or 0)
            fields = parse_qs(self.rfile.read(length).decode())
            self._answer(*provider._token_response({name: values[0] for name, values in fields.items()}))

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def _write_certificates(directory: Path) -> tuple[Path, Path]:
    """A throw-away CA and a certificate for 127.0.0.1 signed by it; returns (certificate, key)."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hfbot test CA")])
    ca_certificate = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server_key = ec.generate_private_key(ec.SECP256R1())
    server_certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "ca.pem").write_bytes(ca_certificate.public_bytes(serialization.Encoding.PEM))
    certificate_path = directory / "server.pem"
    key_path = directory / "server-key.pem"
    certificate_path.write_bytes(server_certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return certificate_path, key_path
