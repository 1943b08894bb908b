"""Channel rules: every shipped default with its source and checked date, the privacy officer's
confirmation (and when it goes stale), ``policy show``'s shape, and role_only with a "Yes"."""

import json
import tomllib
from datetime import date, timedelta

import pandas as pd
import pytest

import leadguard
from conftest import invoke_cli
from leadguard.errors import ConfigError
from leadguard.policy import ChannelRule, default_rules, parse_rules

TODAY = date.today()
RECENT = (TODAY - timedelta(days=10)).isoformat()
RULE_KEYS = {
    "country", "channel", "audience", "rule", "origin", "source", "url", "checked_on",
    "secondary", "confirmed_by", "confirmed_on", "confirmation",
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(default_rules()), ids="-".join)
def test_every_shipped_default_cites_a_source_and_when_it_was_checked(key: tuple[str, str]) -> None:
    rule = default_rules()[key]
    assert rule.rule in {r.value for r in ChannelRule}
    assert rule.source.strip()
    assert rule.audience == "business"
    if rule.checked_on is None:
        assert rule.secondary, f"{key}: no checked_on needs secondary = true"
    else:
        assert isinstance(rule.checked_on, date)
        assert rule.checked_on <= TODAY, f"{key}: checked_on is in the future"
    if rule.url is not None:
        assert rule.url.startswith(("https://", "http://"))


def test_the_defaults_cover_every_channel_of_each_country() -> None:
    countries = {c for c, _ in default_rules()}
    assert countries
    for country in countries:
        assert {ch for c, ch in default_rules() if c == country} == {"email", "phone", "post"}


def test_parser_reads_the_table_layout_and_refuses_a_rule_without_source() -> None:
    data = tomllib.loads(
        '[NL.email]\nrule = "consent"\nsource = "Telecommunicatiewet art. 11.7(1)"\n'
        'url = "https://example.org/tw"\nchecked_on = 2026-12-01\n'
        '[NL.phone]\nrule = "allowed"\nsource = "guidance"\nsecondary = true\n'
    )
    rules = parse_rules(data, "test.toml")
    assert rules[("NL", "email")].rule == "consent"
    assert rules[("NL", "email")].url == "https://example.org/tw"
    assert rules[("NL", "email")].checked_on == date(2026, 12, 1)
    assert not rules[("NL", "email")].secondary
    assert rules[("NL", "phone")].secondary and rules[("NL", "phone")].checked_on is None
    with pytest.raises(ConfigError, match=r"\[BE.email\].*source"):
        parse_rules({"BE": {"email": {"rule": "allowed"}}}, "test.toml")
    with pytest.raises(ConfigError, match="rule must be one of"):
        parse_rules({"BE": {"email": {"rule": "maybe", "source": "x"}}}, "test.toml")
    with pytest.raises(ConfigError, match="checked_on"):
        parse_rules(
            {"BE": {"email": {"rule": "allowed", "source": "x", "checked_on": "soon"}}}, "t"
        )


def test_parser_still_reads_the_flat_layout() -> None:
    old = {"BE": {"email": "role_only", "phone": "allowed", "post": "allowed", "source": "RD"}}
    rules = parse_rules(old, "old.toml")
    assert rules[("BE", "email")].rule == "role_only"
    assert rules[("BE", "post")].source == "RD"


def _rule(ledger: leadguard.Ledger, country: str, channel: str) -> pd.Series:
    rules = ledger.channel_rules()
    hit = rules[
        (rules["country"] == country)
        & (rules["channel"] == channel)
        & (rules["audience"] == "business")
    ]
    assert len(hit) == 1
    return hit.iloc[0]


def test_confirm_then_change_makes_the_confirmation_stale(ledger: leadguard.Ledger) -> None:
    country = sorted(default_rules())[0][0]
    before = _rule(ledger, country, "email")
    assert before["confirmed_by"] is None and before["confirmation"] is None
    assert before["origin"] == "default"
    done = ledger.confirm_channel_rule(country.lower(), "email", by="A. Jansen (DPO)")
    assert done["rule"] == before["rule"] and done["confirmed_on"] == TODAY
    row = _rule(ledger, country, "email")
    assert row["confirmed_by"] == "A. Jansen (DPO)"
    assert row["confirmed_on"] == TODAY
    assert row["confirmation"] == "current"
    # Another channel of the same country is not confirmed by it.
    assert _rule(ledger, country, "phone")["confirmation"] is None
    # The officer changes the rule: the confirmation named the old one.
    ledger.set_channel_rule(country, "email", "consent", note="counsel 2026-12")
    row = _rule(ledger, country, "email")
    assert row["rule"] == "consent" and row["confirmation"] == "stale"
    assert row["confirmed_by"] == "A. Jansen (DPO)"
    ledger.confirm_channel_rule(country, "email", by="B. de Wit")
    assert _rule(ledger, country, "email")["confirmation"] == "current"
    # Set again, even to the same rule: a new decision, so confirm it again.
    ledger.set_channel_rule(country, "email", "consent", note="counsel 2026-12")
    row = _rule(ledger, country, "email")
    assert row["confirmation"] == "stale" and row["confirmed_by"] == "B. de Wit"
    actions = ledger.audit_log()["action"].tolist()
    assert actions.count("policy_confirm") == 2


def test_confirm_refuses_what_it_cannot_confirm(ledger: leadguard.Ledger) -> None:
    with pytest.raises(ConfigError, match="not a country"):
        ledger.confirm_channel_rule("Atlantis", "email", by="A")
    with pytest.raises(ConfigError, match="--by"):
        ledger.confirm_channel_rule("NL", "email", by="  ")
    with pytest.raises(ConfigError, match="audience"):
        ledger.confirm_channel_rule("NL", "email", by="A", audience="everyone")
    with pytest.raises(ConfigError, match="no individual rule"):
        ledger.confirm_channel_rule("NL", "email", by="A", audience="individual")


def test_policy_confirm_and_show_on_the_command_line(cli_db: str) -> None:
    code, out, err = invoke_cli(cli_db, "policy", "confirm", "NL", "email", "--by", "A. Jansen")
    assert code == 0, err
    assert "confirmed by A. Jansen" in out
    code, out, _ = invoke_cli(cli_db, "policy", "show", "--json")
    assert code == 0
    shown = json.loads(out)
    assert set(shown) == {"notice_policy", "rules", "registries"}
    assert shown["notice_policy"] == "strict"
    rules = shown["rules"]
    assert len(rules) == len(default_rules())
    assert len({(r["country"], r["channel"], r["audience"]) for r in rules}) == len(rules)
    for rule in rules:
        assert set(rule) == RULE_KEYS
        assert rule["audience"] == "business"
    nl = next(r for r in rules if (r["country"], r["channel"]) == ("NL", "email"))
    assert nl["confirmed_by"] == "A. Jansen"
    assert nl["confirmed_on"] == TODAY.isoformat()
    assert nl["confirmation"] == "current"
    assert nl["checked_on"] == (
        None
        if default_rules()[("NL", "email")].checked_on is None
        else str(default_rules()[("NL", "email")].checked_on)
    )
    names = {r["name"] for r in shown["registries"]}
    assert "dnc-be" in names
    be = next(r for r in shown["registries"] if r["name"] == "dnc-be")
    assert be["last_screened_on"] is None and be["state"] == "never screened"
    code, out, _ = invoke_cli(cli_db, "policy", "set", "NL", "email", "consent")
    assert code == 0
    code, out, _ = invoke_cli(cli_db, "policy", "show")
    assert code == 0
    line = next(x for x in out.splitlines() if x.split()[:2] == ["NL", "email"])
    assert "A. Jansen on" in line and "stale" in line
    assert "checked_on" in out.splitlines()[0]
    assert "dnc-be (BE, phone): never screened" in out


def _people(emails: list[str], **extra: list[str]) -> pd.DataFrame:
    n = len(emails)
    frame = pd.DataFrame(
        {
            "First name": ["Tom", "Ines", "Wim", "Lien"][:n],
            "Last name": ["Wouters", "Goossens", "Peeters", "Maes"][:n],
            "Email": emails,
            "Company": ["Gent NV", "Brugge NV", "Mechelen NV", "Leuven NV"][:n],
            "Country": ["BE"] * n,
            "Date": [RECENT] * n,
        }
    )
    for key, value in extra.items():
        frame[key] = value
    return frame


def test_role_only_lets_a_recorded_yes_through(ledger: leadguard.Ledger) -> None:
    ledger.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA-1")
    ledger.set_channel_rule("BE", "email", "role_only", note="test")
    ledger.add_source("Our webshop", kind="webshop", publicly_accessible=False)
    people = [
        "tom.wouters@gent.example.be",
        "ines.goossens@brugge.example.be",
        "wim.peeters@mechelen.example.be",
    ]
    ledger.ingest(_people(people), source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    ledger.mark_notice_sent(ledger.leads()["lead_id"].tolist(), channel="email", on=TODAY)

    def dry() -> leadguard.ExportReport:
        return ledger.export("Mailer", "email", "prospecting", dry_run=True)

    report = dry()
    assert report.exported == 0 and report.excluded == {"country_rule": 3}
    # Tom says "Yes" to e-mail on our own form, Ines "No": Tom goes, Ines is a refusal.
    form = _people(people[:2], **{"Newsletter per e-mail?": ["Ja", "Nee"]})
    ledger.ingest(form, source="Our webshop", basis="prospecting")
    ledger.dedupe()
    ledger.mark_notice_sent(ledger.leads()["lead_id"].tolist(), channel="email", on=TODAY)
    report = dry()
    assert report.exported == 1
    assert report.excluded.get("country_rule") == 1
    # The same "Yes" under an ordinary consent rule (consent is always enough).
    ledger.set_channel_rule("BE", "email", "consent")
    assert dry().exported == 1
    ledger.set_channel_rule("BE", "email", "allowed")
    assert dry().exported == 2


def test_a_new_default_source_makes_the_confirmation_stale(ledger: leadguard.Ledger) -> None:
    ledger.confirm_channel_rule("NL", "post", by="A. Jansen")
    assert _rule(ledger, "NL", "post")["confirmation"] == "current"
    # As if the confirmation had been given under an earlier release citing another text.
    ledger._store.execute(
        "UPDATE channel_rule_confirmations SET source = 'an older text' WHERE country = 'NL'"
    )
    assert _rule(ledger, "NL", "post")["confirmation"] == "stale"
