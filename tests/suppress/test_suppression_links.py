"""Suppression rows linked to people by name and company: an unsubscribe under an address the
ledger never saw still reaches the person, through the export gate."""

import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import leadguard
from leadguard.db import SCHEMA_VERSION
from leadguard.errors import ConfigError, InputError
from leadguard.suppress import linking
from leadguard.suppress.linking import LINK_THRESHOLD, UNCERTAIN_FLOOR, best_links

MAILCHIMP_HEADER = (
    '"Email Address","First Name","Last Name","Company",MEMBER_RATING,OPTIN_TIME,'
    "UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_REASON,LEID,EUID\n"
)

# A realistic spread of people (so the model sees common and rare names and companies), Marc
# Dewitte among them under his work address, and a namesake of his at another company.
FIRST = ["Jan", "Eva", "Piet", "Anna", "Tom", "Sara", "Koen", "Lies", "Bart", "Ine", "Wim", "Els"]
LAST = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Dubois", "Lambert",
]  # fmt: skip
FIRMS = [
    "Acme NV", "Beta BV", "Gamma Logistics", "Delta Chemicals", "Epsilon Bouw", "Zeta Foods",
    "Eta Textiles", "Theta Engineering",
]  # fmt: skip


def _crowd() -> pd.DataFrame:
    rows = []
    for i in range(48):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 5) % len(LAST)]
        firm = FIRMS[i % len(FIRMS)]
        domain = firm.split()[0].lower() + ".example"
        rows.append(
            {
                "First name": first,
                "Last name": last,
                "Email": f"{first.lower()}.{last.lower().replace(' ', '')}{i}@{domain}",
                "Company": firm,
                "Country": "BE",
            }
        )
    rows.append(
        {
            "First name": "Marc",
            "Last name": "Dewitte",
            "Email": "marc.dewitte@brabant-staal.example",
            "Company": "Brabant Staal NV",
            "Country": "BE",
        }
    )
    rows.append(
        {
            "First name": "Marc",
            "Last name": "Dewitte",
            "Email": "m.dewitte@kortrijk-textiel.example",
            "Company": "Kortrijk Textiel",
            "Country": "BE",
        }
    )
    return pd.DataFrame(rows)


def _person(first: str, last: str, company: str, email: str | None = None) -> pd.DataFrame:
    """One list row of one person, as a DataFrame to ingest."""
    row = {"First name": first, "Last name": last, "Company": company, "Country": "BE"}
    if email:
        row["Email"] = email
    return pd.DataFrame([row])


MARC = ("marc.private@gmail.example", "Marc", "Dewitte", "Brabant Staal")
"""Marc Dewitte of Brabant Staal unsubscribing under a private address the lists do not hold."""


def _unsubscribed(folder: Path, *rows: tuple[str, str, str, str], name: str = "a") -> Path:
    """A Mailchimp unsubscribed export with (address, first, last, company) rows."""
    lines = [
        f'{email},{first},{last},"{company}",3,"2024-03-11 09:02:17","2026-02-03 08:41:09",'
        f'"Nieuwsbrief februari 2026","I no longer want to receive these emails",1,2\n'
        for email, first, last, company in rows
    ]
    path = folder / f"unsubscribed_members_export_{name}.csv"
    path.write_text(MAILCHIMP_HEADER + "".join(lines), encoding="utf-8")
    return path


def _lead(ledger: leadguard.Ledger, email: str) -> int:
    frame = ledger.sightings()
    return int(frame.loc[frame["email"] == email, "lead_id"].iloc[0])


def _suppressed(ledger: leadguard.Ledger, channel: str = "email") -> set[int]:
    frame = ledger.screen_leads(channel)
    return set(frame.loc[frame["suppressed"], "lead_id"].astype(int))


@pytest.fixture
def crowd(ledger: leadguard.Ledger) -> leadguard.Ledger:
    ledger.ingest(_crowd(), source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    ledger.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA-1")
    ledger.mark_notice_sent(ledger.leads()["lead_id"].tolist(), channel="email")
    ledger.set_channel_rule("BE", "email", "allowed")
    return ledger


def test_an_unsubscribe_by_name_and_company_reaches_the_person_through_the_gate(
    crowd: leadguard.Ledger, tmp_path: Path
) -> None:
    marc = _lead(crowd, "marc.dewitte@brabant-staal.example")
    namesake = _lead(crowd, "m.dewitte@kortrijk-textiel.example")
    before = crowd.export("Mailer", "email", "prospecting", dry_run=True)
    assert before.exported == len(crowd.leads())
    # His private address: the ledger never held it.
    report = crowd.suppress_import(_unsubscribed(tmp_path, MARC))
    assert report.entries_added == 1
    assert report.linked_to_leads == 1
    assert _suppressed(crowd) == {marc}  # his namesake at another company is not touched
    assert namesake not in _suppressed(crowd)
    after = crowd.export("Mailer", "email", "prospecting", dry_run=True)
    assert after.exported == before.exported - 1
    assert after.suppressed_by_reason == {"unsubscribe": 1}
    out = tmp_path / "out.csv"
    crowd.export("Mailer", "email", "prospecting", out=out)
    assert "marc.dewitte@brabant-staal.example" not in out.read_text()
    assert "m.dewitte@kortrijk-textiel.example" in out.read_text()
    # The entry the link made: lead-kind, the row's channel and reason, evidence, file and row.
    links = crowd.suppression_links()
    assert links["lead_id"].tolist() == [marc]
    link = links.iloc[0]
    assert link["first_name"] == "Marc" and link["company"] == "Brabant Staal NV"
    assert bool(link["uncertain"]) == (link["probability"] < LINK_THRESHOLD)
    entry = crowd.suppressions().set_index("entry_id").loc[int(link["link_entry_id"])]
    assert (entry["kind"], entry["channel"], entry["reason"]) == ("lead", "email", "unsubscribe")
    assert entry["evidence"] == (
        f"linked by name and company to lead {marc}, probability {link['probability']:.2f}"
    )
    assert entry["evidence_file"] == "unsubscribed_members_export_a.csv"
    assert entry["evidence_row"] == 1
    # Only e-mail: the row was an e-mail unsubscribe.
    assert marc not in _suppressed(crowd, "phone")
    assert "suppress_link" in set(crowd.audit_log()["action"])


def test_an_uncertain_link_suppresses_too_and_waits_for_review(
    crowd: leadguard.Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marc = _lead(crowd, "marc.dewitte@brabant-staal.example")
    # Every link in the uncertain band, whatever the engine's evidence: the band's behaviour.
    monkeypatch.setattr(linking, "LINK_THRESHOLD", 1.01)
    report = crowd.suppress_import(
        _unsubscribed(tmp_path, ("m.d@old-mail.example", "M.", "Dewitte", "Brabant Staal NV"))
    )
    assert report.linked_to_leads == report.linked_uncertain == 1
    assert marc in _suppressed(crowd)
    gate = crowd.export("Mailer", "email", "prospecting", dry_run=True)
    assert gate.suppressed_by_reason == {"unsubscribe": 1}
    uncertain = crowd.suppression_links(uncertain_only=True)
    assert uncertain["lead_id"].tolist() == [marc] and uncertain["uncertain"].all()


def test_namesakes_at_one_company_are_all_suppressed_and_marked_uncertain(
    crowd: leadguard.Ledger, tmp_path: Path
) -> None:
    # Jan Peeters works at Acme NV three times over (three people, no identifier in common);
    # an unsubscribe from "J. Peeters, Acme" could be any of them: all three are suppressed.
    leads = crowd.leads()
    jans = leads[(leads["first_name"] == "Jan") & (leads["last_name"] == "Peeters")]
    at_acme = set(jans.loc[jans["company"] == "Acme NV", "lead_id"].astype(int))
    assert len(at_acme) >= 2
    report = crowd.suppress_import(
        _unsubscribed(tmp_path, ("jp@old-mail.example", "J.", "Peeters", "Acme"))
    )
    links = crowd.suppression_links()
    assert report.linked_to_leads == len(links)
    assert report.linked_uncertain == int(links["uncertain"].sum())
    assert at_acme <= set(links["lead_id"]) <= _suppressed(crowd)
    assert (links["probability"] >= UNCERTAIN_FLOOR).all()
    assert (links["uncertain"] == (links["probability"] < LINK_THRESHOLD)).all()


def test_best_links_keeps_the_uncertain_band() -> None:
    # Frame: 3 sightings (leads 7, 7, 8) then 2 rows. Probabilities per (row, sighting) pair.
    pairs = pd.DataFrame(
        {
            "i": [0, 1, 2, 0, 2, 3],
            "j": [3, 3, 3, 4, 4, 4],
            "probability": [0.5, 0.95, 0.1, 0.25, 0.19, 0.0],
        }
    )
    row_of = pd.Series([-1, -1, -1, 0, 1]).to_numpy()
    lead_of = pd.Series([7, 7, 8, -1, -1]).to_numpy()
    links = best_links(pairs, row_of, lead_of)
    got = {(int(r), int(x)): (round(p, 2), bool(u)) for r, x, p, u in links.to_numpy()}
    # Row 0: lead 7 by its best sighting (0.95, certain), lead 8 below the floor; row 1: lead 7
    # in the uncertain band; the row-row pair (3, 4) is no evidence about a lead.
    assert got == {(0, 7): (0.95, False), (1, 7): (0.25, True)}


def test_unlink_lifts_the_link_and_no_later_run_links_the_pair_again(
    crowd: leadguard.Ledger, tmp_path: Path
) -> None:
    marc = _lead(crowd, "marc.dewitte@brabant-staal.example")
    crowd.suppress_import(_unsubscribed(tmp_path, MARC))
    entry = int(crowd.suppression_links()["entry_id"].iloc[0])
    with pytest.raises(ConfigError, match="evidence"):
        crowd.unlink_suppression(entry, marc, evidence=" ")
    with pytest.raises(InputError, match="not linked"):
        crowd.unlink_suppression(entry + 100, marc, evidence="wrong")
    lifted = crowd.unlink_suppression(entry, marc, evidence="another Marc, checked by phone")
    assert len(lifted) == 1
    assert marc not in _suppressed(crowd)
    assert crowd.suppression_links().empty
    # The row itself stays on the list (its address).
    assert crowd.suppression_check("marc.private@gmail.example", channel="email").suppressed
    # Later imports and runs: the pair is decided.
    crowd.ingest(
        _person("Nele", "Verhaegen", "Omega NV", "nele@omega.example"),
        source="Expo 2026",
        basis="prospecting",
    )
    report = crowd.dedupe()
    assert report.run_id is not None and report.suppressions_linked == 0
    assert marc not in _suppressed(crowd)
    assert {"suppress_unlink"} <= set(crowd.audit_log()["action"])


def test_a_later_sighting_of_the_person_is_linked_after_dedupe(
    crowd: leadguard.Ledger, tmp_path: Path
) -> None:
    # She unsubscribed before the ledger knew her.
    report = crowd.suppress_import(
        _unsubscribed(tmp_path, ("hanne.old@provider.example", "Hanne", "Vermeulen", "Omega NV"))
    )
    assert report.linked_to_leads == 0
    crowd.ingest(
        _person("Hanne", "Vermeulen", "Omega NV", "hanne.vermeulen@omega.example"),
        source="Expo 2026",
        basis="prospecting",
    )
    run = crowd.dedupe()
    hanne = _lead(crowd, "hanne.vermeulen@omega.example")
    assert run.suppressions_linked == 1
    assert hanne in _suppressed(crowd)
    # Running again changes nothing: no second link.
    crowd.ingest(
        _person("Nele", "Verhaegen", "Gamma Logistics", "nele@gamma.example"),
        source="Expo 2026",
        basis="prospecting",
    )
    again = crowd.dedupe()
    assert again.run_id is not None and again.suppressions_linked == 0
    assert len(crowd.suppression_links()) == 1


def test_a_linked_lead_without_an_address_is_suppressed_once_it_gains_one(
    crowd: leadguard.Ledger, tmp_path: Path
) -> None:
    # A LinkedIn-style row: name and company only, nothing to key an entry on yet.
    crowd.ingest(
        _person("Hanne", "Vermeulen", "Omega NV"),
        source="Expo 2026",
        basis="prospecting",
    )
    crowd.dedupe()
    crowd.suppress_import(
        _unsubscribed(tmp_path, ("hanne.old@provider.example", "Hanne", "Vermeulen", "Omega NV"))
    )
    hanne = int(crowd.suppression_links()["lead_id"].iloc[0])
    # The same person later, with her work address, joins her lead (same name, company).
    crowd.ingest(
        _person("Hanne", "Vermeulen", "Omega NV", "hanne.vermeulen@omega.example"),
        source="Expo 2026",
        basis="prospecting",
    )
    crowd.dedupe()
    lead = crowd.resolve_lead(_lead(crowd, "hanne.vermeulen@omega.example"))
    links = crowd.suppression_links()
    assert len(links) >= 1
    # Whether or not dedupe joined the two sightings, the person behind the address is reached.
    assert lead in _suppressed(crowd)
    assert crowd.resolve_lead(hanne) in set(links["lead_id"])
    # ...and the address she gained is on the list itself (a vendor's hashed upload has it).
    hashes = tmp_path / "hashes.txt"
    crowd.export_vendor_hashes(hashes, kind="email", channel="email")
    digest = hashlib.sha256(b"hanne.vermeulen@omega.example").hexdigest()
    assert digest in hashes.read_text().split()


def test_the_name_and_company_are_never_in_the_file_and_go_when_lifted(
    crowd: leadguard.Ledger, tmp_path: Path, ledger_bytes: Callable[[], bytes]
) -> None:
    target = crowd.path
    report = crowd.suppress_import(
        _unsubscribed(
            tmp_path,
            MARC,
            ("k.vdb@provider.example", "Karolien", "Vandenbroucke", "Zwalmse Aquacultuur"),
        )
    )
    assert report.linked_to_leads == 1
    assert crowd._store.fetch_one("SELECT count(*) FROM suppression_identities") == (2,)
    crowd.close()
    data = ledger_bytes()
    for needle in (b"Karolien", b"Vandenbroucke", b"Zwalmse", b"Aquacultuur", b"vandenbroucke"):
        assert needle not in data
    with leadguard.open(target, user="officer") as lg:
        # Linking again works from the sealed copy (the key derives its own key).
        assert len(lg.suppression_links()) == 1
        lifted = lg.lift_suppression(
            "marc.private@gmail.example", evidence="opt-in form 2026-11-20"
        )
        assert len(lifted) == 2  # the row's entry and the one its link made
        assert lg.suppression_links().empty
        assert lg._store.fetch_one("SELECT count(*) FROM suppression_identities") == (1,)
        assert not lg.screen_leads("email")["suppressed"].any()


def test_brevo_rows_link_on_each_channel(crowd: leadguard.Ledger, tmp_path: Path) -> None:
    marc = _lead(crowd, "marc.dewitte@brabant-staal.example")
    path = tmp_path / "brevo_contacts_export.csv"
    path.write_text(
        "EMAIL;FIRSTNAME;LASTNAME;COMPANY;SMS;EMAIL_BLACKLISTED;SMS_BLACKLISTED;ADDED_TIME\n"
        "marc.private@gmail.example;Marc;Dewitte;Brabant Staal;32475999888;true;true;"
        "2026-01-05 10:00:00\n",
        encoding="utf-8",
    )
    report = crowd.suppress_import(path)
    assert report.format == "brevo" and report.linked_to_leads == 2
    assert marc in _suppressed(crowd, "email") and marc in _suppressed(crowd, "phone")
    assert sorted(crowd.suppression_links()["lead_id"].tolist()) == [marc, marc]


def test_suppress_unlink_and_links_on_the_command_line(
    crowd: leadguard.Ledger, tmp_path: Path
) -> None:
    from conftest import invoke_cli

    marc = _lead(crowd, "marc.dewitte@brabant-staal.example")
    crowd.suppress_import(_unsubscribed(tmp_path, MARC))
    entry = int(crowd.suppression_links()["entry_id"].iloc[0])
    target = crowd.path
    crowd.close()
    code, out, _ = invoke_cli(target, "suppress", "links", "--json")
    assert code == 0 and "Dewitte" in out
    code, out, err = invoke_cli(
        target, "suppress", "unlink", str(entry), str(marc), "--evidence", "namesake"
    )
    assert code == 0, err
    assert "unlinked" in out
    code, out, _ = invoke_cli(target, "suppress", "links", "--json")
    assert code == 0 and "Dewitte" not in out


def test_the_migration_upgrades_a_ledger_written_before_links(tmp_path: Path) -> None:
    import re

    from leadguard.db import _migrations

    path = tmp_path / "old.duckdb"
    leadguard.open(path).close()
    # Take the file back to schema version 6: drop what later migrations created.
    con = duckdb.connect(str(path))
    for version, _, sql in _migrations():
        if version > 6:
            for table in re.findall(r"CREATE TABLE (\w+)", sql):
                con.execute(f"DROP TABLE {table}")
            for sequence in re.findall(r"CREATE SEQUENCE (\w+)", sql):
                con.execute(f"DROP SEQUENCE {sequence}")
            for table, column in re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", sql):
                con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.execute("DELETE FROM schema_migrations WHERE version > 6")
    con.close()
    with leadguard.open(path) as lg:
        assert lg._store.schema_version() == SCHEMA_VERSION >= 8
        assert lg.suppression_links().empty
        assert lg._store.fetch_one("SELECT count(*) FROM suppression_unlinks") == (0,)


def test_exports_bring_their_name_and_company_cells(tmp_path: Path) -> None:
    from leadguard.suppress.formats import IDENTITY_COLUMNS, read_suppression_file

    data = Path(__file__).parents[1] / "data" / "suppress"
    mailchimp = read_suppression_file(data / "mailchimp_unsubscribed_members_export.csv")
    assert tuple(mailchimp.identity.columns) == tuple(IDENTITY_COLUMNS)
    assert len(mailchimp.identity) == len(mailchimp.entries)
    assert mailchimp.identity["first_name"].tolist()[:2] == ["Marc", "Lotte"]
    assert mailchimp.identity["last_name"].tolist()[:2] == ["Dewitte", "De Smet"]
    assert mailchimp.identity["company"].isna().all()  # that export has no Company column
    with_company = read_suppression_file(
        _unsubscribed(tmp_path, ("a@b.example", "Marc", "Dewitte", "Brabant Staal"))
    )
    assert with_company.identity.to_dict("records") == [
        {"first_name": "Marc", "last_name": "Dewitte", "company": "Brabant Staal"}
    ]
    brevo = read_suppression_file(data / "brevo_blocklisted_contacts.csv")
    # One identity per entry: Élise's e-mail and SMS entries both carry her name.
    assert brevo.identity["last_name"].tolist()[:2] == ["Lambert", "Lambert"]
    lines = read_suppression_file(data / "optouts_handkept.txt")
    assert lines.identity.isna().all().all() and len(lines.identity) == len(lines.entries)


def test_roles_pipeline_links_officer_unlinks_analyst_never_reads_sealed_names() -> None:
    from leadguard.db.postgres import grant_statements

    def granted(role: str, what: str) -> str:
        statements = grant_statements(role, "someone", ["sighting_id", "raw_email"])
        return next(s for s in statements if s.startswith(f"GRANT {what} ON"))

    assert "suppression_identities" not in granted("analyst", "SELECT")
    assert "suppression_links" in granted("analyst", "SELECT")
    pipeline = granted("pipeline", "INSERT, UPDATE")
    assert "suppression_links" in pipeline and "suppression_identities" in pipeline
    assert "suppression_unlinks" not in pipeline
    assert "suppression_identities" not in granted("pipeline", "DELETE")
    assert "suppression_unlinks" in granted("officer", "INSERT, UPDATE")
    assert "suppression_identities" in granted("officer", "DELETE")


def test_a_row_without_company_takes_that_of_the_lead_its_address_names(
    crowd: leadguard.Ledger, tmp_path: Path
) -> None:
    marc = _lead(crowd, "marc.dewitte@brabant-staal.example")
    # A second lead of his the dedupe left apart (recorded as different people by hand).
    crowd.ingest(
        _person("Marc", "Dewitte", "Brabant Staal", "mdewitte@brabant-staal-group.example"),
        source="Expo 2026",
        basis="prospecting",
    )
    crowd.dedupe()
    other = _lead(crowd, "mdewitte@brabant-staal-group.example")
    if other == marc:
        sightings = crowd.sightings()
        second = sightings.loc[sightings["email"] == "mdewitte@brabant-staal-group.example"]
        other = crowd.split(marc, [int(second["sighting_id"].iloc[0])])
    assert other != marc
    # The export names him and the address of his first lead, but no company.
    path = tmp_path / "unsubscribed_members_export_nocompany.csv"
    path.write_text(
        '"Email Address","First Name","Last Name",UNSUB_TIME\n'
        'marc.dewitte@brabant-staal.example,Marc,Dewitte,"2026-02-03 08:41:09"\n',
        encoding="utf-8",
    )
    report = crowd.suppress_import(path)
    assert report.linked_to_leads == 1
    assert set(crowd.suppression_links()["lead_id"]) == {other}
    assert {marc, other} <= _suppressed(crowd)


def test_a_link_follows_its_lead_into_a_merge(crowd: leadguard.Ledger, tmp_path: Path) -> None:
    crowd.ingest(
        _person("Hanne", "Vermeulen", "Omega NV", "hanne.vermeulen@omega.example"),
        source="Expo 2026",
        basis="prospecting",
    )
    crowd.dedupe()
    hanne = _lead(crowd, "hanne.vermeulen@omega.example")
    crowd.suppress_import(
        _unsubscribed(tmp_path, ("hanne.old@provider.example", "Hanne", "Vermeulen", "Omega NV"))
    )
    entry = int(crowd.suppression_links()["entry_id"].iloc[0])
    marc = _lead(crowd, "marc.dewitte@brabant-staal.example")  # an older, smaller id
    survivor = crowd.merge(marc, hanne, note="test: one lead")
    assert survivor == min(marc, hanne) != hanne
    links = crowd.suppression_links()
    assert links["lead_id"].tolist() == [survivor]
    assert links["linked_lead_id"].tolist() == [hanne]
    assert survivor in _suppressed(crowd)
    # Undone under the id it was linked to: the survivor is freed.
    crowd.unlink_suppression(entry, hanne, evidence="wrong person")
    assert survivor not in _suppressed(crowd)
