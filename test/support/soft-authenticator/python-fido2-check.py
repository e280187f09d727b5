"""Independent validation of the software authenticator with Debian's python3-fido2 (0.9.1).

Run with /usr/bin/python3 (Debian's modules load only there):
    /usr/bin/python3 python-fido2-check.py <device-udp-port>
It talks CTAPHID over loopback UDP (one datagram = one 64-byte report, the solo/canokey simulator
convention) through a custom CtapHidConnection, exercises GetInfo, ClientPin v1 and v2, MakeCredential,
GetAssertion (+ next), CredentialManagement, Reset and Ctap1, verifies every signature with python-fido2's
own verifiers, and prints one JSON object of results. Any failure raises, so the exit code is non-zero.
"""
import hashlib
import json
import os
import socket
import sys

from fido2.attestation import PackedAttestation
from fido2.ctap import CtapError
from fido2.ctap1 import Ctap1
from fido2.ctap2 import Ctap2
from fido2.ctap2.credman import CredentialManagement
from fido2.ctap2.pin import ClientPin, PinProtocolV1, PinProtocolV2
from fido2.hid import CtapHidDevice
from fido2.hid.base import CtapHidConnection, HidDescriptor


class UdpConnection(CtapHidConnection):
    def __init__(self, port):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(10)
        self.peer = ("127.0.0.1", port)

    def read_packet(self):
        data, _ = self.sock.recvfrom(64)
        return data

    def write_packet(self, data):
        # python-fido2 hands over the report with the 0x00 report-id prefix; UDP carries 64 bytes.
        self.sock.sendto(bytes(data)[-64:] if len(data) == 65 else bytes(data), self.peer)

    def close(self):
        self.sock.close()


def expect_error(code, fn):
    try:
        fn()
    except CtapError as e:
        assert e.code == code, "expected %r, got %r" % (code, e.code)
        return e.code.name
    raise AssertionError("expected CtapError %r" % code)


def register_and_assert(ctap, rp_id, pin_param, protocol, names):
    cdh = hashlib.sha256(b"client data " + rp_id.encode()).digest()
    creds = []
    for name in names:
        kwargs = {}
        if pin_param:
            kwargs = {"pin_uv_param": pin_param(cdh), "pin_uv_protocol": protocol}
        att = ctap.make_credential(cdh, {"id": rp_id, "name": rp_id}, {"id": name.encode(), "name": name},
                                   [{"type": "public-key", "alg": -7}], options={"rk": True}, **kwargs)
        assert att.fmt == "packed"
        PackedAttestation().verify(att.att_statement, att.auth_data, cdh)
        creds.append(att.auth_data.credential_data)
    assertions = ctap.get_assertions(rp_id, cdh)
    assert len(assertions) == len(names), len(assertions)
    for a in assertions:
        key = next(c.public_key for c in creds if c.credential_id == a.credential["id"])
        a.verify(cdh, key)
    return len(assertions)


def main(port):
    results = {}
    dev = CtapHidDevice(HidDescriptor("udp:%d" % port, 0, 0, 64, 64), UdpConnection(port))
    assert dev.ping(b"hello faktor") == b"hello faktor"
    dev.wink()
    ctap = Ctap2(dev)
    results["versions"] = ctap.info.versions
    results["pinProtocols"] = ctap.info.pin_uv_protocols
    results["credMgmtOption"] = sorted(k for k in ctap.info.options if k.startswith("cred"))

    results["mcWithoutPin"] = register_and_assert(ctap, "nopin.example", None, None, ["alice"])

    v1 = ClientPin(ctap, PinProtocolV1())
    v1.set_pin("1234")
    results["retriesAfterSet"] = v1.get_pin_retries()[0]
    results["wrongPinV1"] = expect_error(CtapError.ERR.PIN_INVALID, lambda: v1.get_pin_token("9999", ClientPin.PERMISSION.GET_ASSERTION))
    results["retriesAfterWrong"] = v1.get_pin_retries()[0]
    v1.change_pin("1234", "123456")
    token1 = v1.get_pin_token("123456", ClientPin.PERMISSION.GET_ASSERTION)
    assert len(token1) in (16, 32)

    v2 = ClientPin(ctap, PinProtocolV2())
    token2 = v2.get_pin_token("123456", ClientPin.PERMISSION.MAKE_CREDENTIAL | ClientPin.PERMISSION.GET_ASSERTION, "pin.example")
    results["mcWithPinV2"] = register_and_assert(
        ctap, "pin.example", lambda cdh: PinProtocolV2().authenticate(token2, cdh), 2, ["bob", "carol"])
    results["pinRequired"] = expect_error(CtapError.ERR.PIN_REQUIRED, lambda: ctap.make_credential(
        b"\0" * 32, {"id": "x.example"}, {"id": b"x"}, [{"type": "public-key", "alg": -7}]))

    cm_token = v2.get_pin_token("123456", ClientPin.PERMISSION.CREDENTIAL_MGMT)
    cm = CredentialManagement(ctap, PinProtocolV2(), cm_token)
    meta = cm.get_metadata()
    results["residentCount"] = meta[CredentialManagement.RESULT.EXISTING_CRED_COUNT]
    rps = cm.enumerate_rps()
    results["rps"] = sorted(r[CredentialManagement.RESULT.RP]["id"] for r in rps)
    pin_rp = next(r for r in rps if r[CredentialManagement.RESULT.RP]["id"] == "pin.example")
    creds = cm.enumerate_creds(pin_rp[CredentialManagement.RESULT.RP_ID_HASH])
    results["usersAtPinRp"] = sorted(c[CredentialManagement.RESULT.USER]["name"] for c in creds)
    cm.delete_cred(creds[0][CredentialManagement.RESULT.CREDENTIAL_ID])
    results["residentAfterDelete"] = cm.get_metadata()[CredentialManagement.RESULT.EXISTING_CRED_COUNT]

    ctap1 = Ctap1(dev)
    results["u2fVersion"] = ctap1.get_version()
    app = hashlib.sha256(b"https://u2f.example").digest()
    chal = os.urandom(32)
    reg = ctap1.register(chal, app)
    reg.verify(app, chal)
    sig = ctap1.authenticate(chal, app, reg.key_handle)
    sig.verify(app, chal, reg.public_key)
    results["u2fCounter"] = sig.counter
    results["u2fWrongHandle"] = "rejected"
    try:
        ctap1.authenticate(chal, app, b"\1" * 32)
        results["u2fWrongHandle"] = "accepted"
    except Exception as e:  # ApduError
        results["u2fWrongHandle"] = "0x%04x" % e.code

    ctap.reset()
    results["afterReset"] = {"clientPin": Ctap2(dev).info.options.get("clientPin"),
                             "noCreds": expect_error(CtapError.ERR.NO_CREDENTIALS,
                                                     lambda: ctap.get_assertion("pin.example", b"\0" * 32))}
    print(json.dumps(results))


if __name__ == "__main__":
    main(int(sys.argv[1]))
