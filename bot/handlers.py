"""Command handlers: call the use case, turn its result into a reply in the user's language."""

from __future__ import annotations

from typing import TypeVar

from bot.commands import Args, CommandParseError, CommandSpec, Env, Reply
from bot.downloads import FORMATS, PLAN_FORMATS, linked_documents, notice_downloads
from cards.agenda import agenda_cards
from cards.attendance import absence_reply_text, attendance_card
from cards.calendar_links import calendar_path
from cards.cases import case_card, case_list_card
from cards.dates import numeric_date, when_text
from cards.decisions import decision_register_card
from cards.documents import documents_card
from cards.handling import handling_card
from cards.help import HelpEntry, command_help_card, help_card
from cards.meeting_plan import meeting_plan_card, substitute_reply_text, year_wheel_card
from cards.member_sync import members_sync_card, members_sync_unchanged_text
from cards.minutes import blank_words, minutes_card
from cards.notice import notice_card
from cards.papers import case_search_card, paper_card
from cards.plans import (
    measure_detail_card,
    measure_list_card,
    measure_update_text,
    new_measure_text,
    new_plan_text,
    plan_report_cards,
)
from cards.public_access import public_title_shown
from cards.reminders import reminder_policy_card
from cards.structure import bodies_card, meeting_card, meeting_notes, meetings_card, members_card
from cards.texts import Language, excerpt, label, say
from governance.approvals import decisions, handling, minutes
from governance.calendar import calendar_feed
from governance.context import Context
from governance.documents import documents
from governance.meetings import agenda, attendance, cases, schedule
from governance.meetings import meeting_plan as year_plan
from governance.papers import exemption, notice, paper, search
from governance.plans import action_plan, measure_history, plan_adoption, plan_changes
from governance.reminders import reminder_policy
from governance.rules.errors import DomainError
from governance.rules.handling import VoteKind
from governance.rules.model import CaseType
from governance.rules.oslo_time import oslo_date
from governance.structure import bodies, member_sync

T = TypeVar("T")


def _required(value: T | None) -> T:
    # The command's grammar guarantees these; a None here is a registry mistake, not user input.
    assert value is not None
    return value


def example_in(command: CommandSpec, lang: Language) -> str:
    """The registry's bokmål example, in English words for English readers (both parse)."""
    if lang == "nb" or not command.example.startswith(command.name):
        return command.example
    return (command.alias + command.example[len(command.name) :]).replace(" til ", " to ")


def calendar_base(env: Env) -> str | None:
    """The bot's public address for the meeting cards' .ics buttons; None where no web server
    serves the downloads (the console), and the cards then offer none."""
    return env.outlets.downloads.base_url if env.outlets.downloads else None


def help_entry(command: CommandSpec, lang: Language) -> HelpEntry:
    other = command.usage("nb" if lang == "en" else "en")
    return HelpEntry(
        usage=command.usage(lang), summary=command.describe(lang), aliases=other, example=example_in(command, lang)
    )


async def show_help(ctx: Context, args: Args, env: Env) -> Reply:
    if args.topic:
        command = env.registry.find(args.topic)
        if command is None:  # answered as the same words would be as a command
            return Reply(CommandParseError(env.registry.unknown(args.topic.split()), None).text(env.lang))
        return Reply(cards=[command_help_card(help_entry(command, env.lang), env.lang)])
    entries = [help_entry(command, env.lang) for command in env.registry.commands]
    return Reply(cards=[help_card(entries, env.lang)])


async def link(ctx: Context, args: Args, env: Env) -> Reply:
    body = await bodies.link_conversation(ctx, _required(args.body))
    return Reply(say(env.lang, "linked", body=body.key, name=body.name))


async def list_bodies(ctx: Context, args: Args, env: Env) -> Reply:
    return Reply(cards=[bodies_card(await bodies.list_bodies(ctx), env.lang)])


async def list_members(ctx: Context, args: Args, env: Env) -> Reply:
    return Reply(cards=[members_card(await bodies.list_members(ctx, args.body), env.lang)])


async def sync_members(ctx: Context, args: Args, env: Env) -> Reply:
    proposal = await member_sync.propose_member_sync(ctx, args.body, env.outlets.roster)
    if not proposal.changes:  # nothing to confirm: a plain answer, no buttons
        return Reply(members_sync_unchanged_text(proposal, env.lang))
    seal = env.outlets.card_seal.sealed if env.outlets.card_seal else None
    return Reply(cards=[members_sync_card(proposal, env.lang, seal)])


async def list_meetings(ctx: Context, args: Args, env: Env) -> Reply:
    return Reply(cards=[meetings_card(await schedule.list_meetings(ctx, args.body), env.lang, calendar_base(env))])


def outlook_note(body_key: str, organiser: str | None, env: Env, action: str) -> str:
    """What happens in Outlook: the invitation is on its way (from the relay, after this turn), or
    why there is none. `action` is sent, updated, cancelled, or on (the standing state)."""
    if action == "cancelled" and not (env.outlets.outlook_invitations and organiser):
        return ""  # there was no invitation to cancel
    if not env.outlets.outlook_invitations:
        return say(env.lang, "outlook_off", body=body_key)
    if organiser is None:
        return say(env.lang, "outlook_no_organiser", body=body_key)
    return say(env.lang, f"outlook_{action}", organiser=organiser)


async def plan_meeting(ctx: Context, args: Args, env: Env) -> Reply:
    view = await schedule.plan_meeting(
        ctx, args.body, _required(args.day), _required(args.start), args.end, args.place, held=args.held
    )
    if args.held:  # no reminders, no invitation: the reply says so and offers no calendar button
        when = when_text(view.starts_at, view.ends_at, env.lang)
        return Reply(say(env.lang, "meeting_registered_held", body=view.body.key, when=when))
    place = f", {view.place}" if view.place else ""
    text = say(
        env.lang,
        "meeting_planned",
        body=view.body.key,
        when=when_text(view.starts_at, view.ends_at, env.lang),
        place=place,
    )
    notes = "".join(f" {note}" for note in meeting_notes(view, env.lang))
    return Reply(
        f"{text}{notes} {outlook_note(view.body.key, view.organiser, env, 'sent')}",
        cards=[meeting_card(view, env.lang, calendar_base(env))],
    )


async def move_meeting(ctx: Context, args: Args, env: Env) -> Reply:
    view, old_start = await schedule.move_meeting(
        ctx, args.body, _required(args.day), _required(args.to_day), _required(args.start), args.end
    )
    text = say(
        env.lang,
        "meeting_moved",
        body=view.body.key,
        old=when_text(old_start, None, env.lang),
        when=when_text(view.starts_at, view.ends_at, env.lang),
    )
    notes = "".join(f" {note}" for note in meeting_notes(view, env.lang))
    return Reply(
        f"{text}{notes} {outlook_note(view.body.key, view.organiser, env, 'updated')}",
        cards=[meeting_card(view, env.lang, calendar_base(env))],
    )


async def cancel_meeting(ctx: Context, args: Args, env: Env) -> Reply:
    view, returned = await schedule.cancel_meeting(ctx, args.body, _required(args.day))
    text = say(env.lang, "meeting_cancelled", body=view.body.key, when=when_text(view.starts_at, None, env.lang))
    if returned:
        text += " " + say(env.lang, "cases_returned", cases=", ".join(returned))
    return Reply(f"{text} {outlook_note(view.body.key, view.organiser, env, 'cancelled')}".rstrip())


async def register_case(ctx: Context, args: Args, env: Env) -> Reply:
    view = await cases.register_case(ctx, args.body, _required(args.title), args.case_type or CaseType.VEDTAKSSAK)
    return Reply(
        say(env.lang, "case_registered", case=view.reference, title=view.title, body=view.body.key),
        cards=[case_card(view, env.lang)],
    )


async def record_decision(ctx: Context, args: Args, env: Env) -> Reply:
    if args.text is None:  # `vedtak [organ] [<år>]`: the register
        return await list_decisions(ctx, args, env)
    recorded = await decisions.record_decision(
        ctx, args.body, _required(args.number), _required(args.year), _required(args.text)
    )
    view = recorded.view
    where_code = "card_in_body_channel" if recorded.in_body_channel else "card_here_unlinked"
    where = say(env.lang, where_code, body=view.body.key)
    code = "decision_recorded_circulation" if view.circulation else "decision_recorded"
    return Reply(say(env.lang, code, case=view.case_reference, where=where, policy=label(env.lang, view.policy)))


async def record_vote(ctx: Context, args: Args, env: Env) -> Reply:
    result = await handling.record_vote(
        ctx, args.body, _required(args.number), _required(args.year), _required(args.vote)
    )
    vote = result.vote
    where = ""
    if result.decision is not None:
        where_code = "card_in_body_channel" if result.decision.in_body_channel else "card_here_unlinked"
        where = say(env.lang, where_code, body=result.body)
    decision = (
        say(env.lang, "vote_decision_sent", where=where)
        if result.decision is not None
        else say(env.lang, "vote_decision_kept_final" if result.kept_final else "vote_decision_kept")
        if result.kept_decision
        else ""
    )
    common = {"case": result.case, "body": result.body}
    if vote.kind is VoteKind.UNANIMOUS:
        return Reply(say(env.lang, "vote_recorded_unanimous", decision=decision, **common).strip())
    if vote.kind is VoteKind.NOTED:
        return Reply(say(env.lang, "vote_recorded_noted", **common))
    if vote.kind is VoteKind.NOT_DECIDED:
        return Reply(say(env.lang, "vote_recorded_not_decided", **common))
    names = " " + say(env.lang, "handling_against_names", names=", ".join(result.against)) if result.against else ""
    code = "vote_recorded_carried" if vote.carried else "vote_recorded_fell"
    text = say(
        env.lang,
        code,
        votes_for=vote.votes_for or 0,
        against=vote.votes_against or 0,
        blank=blank_words(vote.votes_blank, env.lang),
        names=names,
        decision=decision,
        **common,
    )
    return Reply(text.strip())


async def show_handling(ctx: Context, args: Args, env: Env) -> Reply:
    view = await handling.handling_for_card(ctx, args.body, _required(args.number), _required(args.year))
    return Reply(cards=[handling_card(view, env.lang)])


async def record_statement(ctx: Context, args: Args, env: Env) -> Reply:
    body, case, name = await handling.add_statement(
        ctx, args.body, _required(args.number), _required(args.year), _required(args.speaker), _required(args.text)
    )
    return Reply(say(env.lang, "statement_recorded", name=name, case=case, body=body))


async def refer_case(ctx: Context, args: Args, env: Env) -> Reply:
    referral = await cases.refer_case(
        ctx, args.body, _required(args.number), _required(args.year), _required(args.target)
    )
    text = say(
        env.lang,
        "case_referred",
        case=referral.source.reference,
        body=referral.source.body.key,
        target=referral.target.body.key,
        new_case=referral.target.reference,
    )
    return Reply(text, cards=[case_card(referral.target, env.lang)])


async def declare_disqualified(ctx: Context, args: Args, env: Env) -> Reply:
    body, case = await decisions.declare_disqualified(
        ctx, args.body, _required(args.number), _required(args.year), args.text
    )
    return Reply(say(env.lang, "disqualified_declared", case=case, body=body))


async def report_absence(ctx: Context, args: Args, env: Env) -> Reply:
    notice = await attendance.report_absence(ctx, args.body, args.day)
    return Reply(absence_reply_text(notice, env.lang))


_MINUTES_REPLIES = {
    minutes.Drafted.POSTED: "minutes_posted",
    minutes.Drafted.NEW_ROUND: "minutes_new_round",
    minutes.Drafted.NEW_VERSION: "minutes_new_version",
    minutes.Drafted.DEFERRED: "minutes_deferred_reply",
    minutes.Drafted.UNCHANGED: "minutes_unchanged",
    minutes.Drafted.APPROVED: "minutes_already_final",
}


async def draft_minutes(ctx: Context, args: Args, env: Env) -> Reply:
    result = await minutes.draft_minutes(
        ctx, args.body, args.day, correction=args.text, defer=args.defer, signatories=args.names
    )
    draft, approval = result.minutes, result.minutes.approval
    assert approval is not None
    when = when_text(draft.starts_at, None, env.lang)
    text = say(
        env.lang,
        _MINUTES_REPLIES[result.drafted],
        body=draft.body.key,
        when=when,
        # Whom the minutes go to, by name: the body's `minutes_approval` picks them.
        policy=f"{label(env.lang, approval.approvers_rule)}: {', '.join(state.name for state in approval.approvers)}",
        number=approval.number,
        next=when_text(approval.approve_at, None, env.lang) if approval.approve_at else "",
        date=numeric_date(oslo_date(draft.starts_at)),
    )
    if result.attendance_missing and result.drafted is not minutes.Drafted.APPROVED:
        text = f"{text}\n\n{say(env.lang, 'minutes_attendance_missing')}"
    if result.card_here:  # the conversation has just got the shared card
        return Reply(text)
    links = env.outlets.downloads
    downloads = {fmt: links.minutes(draft.meeting_id, fmt, env.lang) for fmt in FORMATS} if links else None
    if downloads is not None and links is not None and await exemption.minutes_have_exemptions(ctx, draft):
        # Only where a case is withheld does the public version differ from the one members read.
        downloads |= {f"public_{fmt}": links.public_minutes(draft.meeting_id, fmt, env.lang) for fmt in FORMATS}
    return Reply(text, cards=[minutes_card(draft, env.lang, downloads, viewer_id=result.viewer_id)])


async def show_attendance(ctx: Context, args: Args, env: Env) -> Reply:
    return Reply(cards=[attendance_card(await attendance.attendance_sheet(ctx, args.body, args.day), env.lang)])


async def list_decisions(ctx: Context, args: Args, env: Env) -> Reply:
    return Reply(cards=[decision_register_card(await decisions.list_decisions(ctx, args.body, args.year), env.lang)])


async def search_decisions(ctx: Context, args: Args, env: Env) -> Reply:
    return Reply(cards=[decision_register_card(await decisions.search_decisions(ctx, _required(args.text)), env.lang)])


async def show_plan(ctx: Context, args: Args, env: Env) -> Reply:
    report = await action_plan.plan_report(ctx, args.year)
    links = env.outlets.downloads
    downloads = {fmt: links.plan(report.plan_id, fmt, env.lang) for fmt in PLAN_FORMATS} if links else None
    return Reply(cards=plan_report_cards(report, env.lang, downloads))


async def my_measures(ctx: Context, args: Args, env: Env) -> Reply:
    return Reply(cards=[measure_list_card(await action_plan.my_measures(ctx), env.lang)])


async def measures(ctx: Context, args: Args, env: Env) -> Reply:
    if args.measure is None:  # `tiltak [organ]`: the list
        return Reply(cards=[measure_list_card(await action_plan.body_measures(ctx, args.body), env.lang)])
    if args.measure_status is None:  # `tiltak 3.2`: the measure and its history
        return Reply(cards=[measure_detail_card(await measure_history.measure_detail(ctx, args.measure), env.lang)])
    line, before = await action_plan.update_measure(ctx, args.measure, _required(args.measure_status), args.text)
    return Reply(measure_update_text(line, before, env.lang))


async def start_plan(ctx: Context, args: Args, env: Env) -> Reply:
    started = await plan_changes.start_plan(ctx, _required(args.year), args.from_year)
    return Reply(new_plan_text(started, env.lang))


async def put_forward_plan(ctx: Context, args: Args, env: Env) -> Reply:
    put = await plan_adoption.put_forward_plan(ctx, args.year, args.body)
    sentences = [say(env.lang, "plan_put_forward", case=put.case_reference, year=put.year, body=put.body_key)]
    names = {"body": put.body_key, "owner": put.owner_key, "case": put.case_reference}
    if put.delegated:
        sentences.append(say(env.lang, "plan_put_forward_delegated", **names))
    sentences.append(say(env.lang, "plan_adopted_when_final" if put.adopts else "plan_needs_referral", **names))
    return Reply(" ".join(sentences))


async def reminders(ctx: Context, args: Args, env: Env) -> Reply:
    view = await reminder_policy.reminder_policy(ctx, args.body, args.reminder_changes)
    return Reply(cards=[reminder_policy_card(view, env.lang)])


async def calendar(ctx: Context, args: Args, env: Env) -> Reply:
    link = await calendar_feed.calendar_link(ctx, args.body, args.renew)
    base = env.outlets.downloads.base_url if env.outlets.downloads else ""
    url = f"{base}{calendar_path(link.body_key)}?token={link.token}"
    text = say(env.lang, "calendar_renewed" if link.renewed else "calendar_link", body=link.body_key, url=url)
    return Reply(f"{text}\n{outlook_note(link.body_key, link.organiser, env, 'on')}")


async def add_area(ctx: Context, args: Args, env: Env) -> Reply:
    year, number = await plan_changes.add_area(ctx, args.year, _required(args.title))
    return Reply(say(env.lang, "area_added", number=number, title=_required(args.title).strip(), year=year))


async def add_measure(ctx: Context, args: Args, env: Env) -> Reply:
    added = await plan_changes.add_measure(ctx, _required(args.area), _required(args.title), args.owner, args.day)
    return Reply(new_measure_text(added, env.lang))


async def list_cases(ctx: Context, args: Args, env: Env) -> Reply:
    return Reply(cards=[case_list_card(await cases.list_cases(ctx, args.body), env.lang)])


async def show_case(ctx: Context, args: Args, env: Env) -> Reply:
    view = await cases.show_case(ctx, args.body, _required(args.number), _required(args.year))
    listed = await documents.list_documents(ctx, args.body, _required(args.number), _required(args.year))
    return Reply(cards=[case_card(view, env.lang, linked_documents(listed.documents, env.outlets.downloads, env.lang))])


async def attach(ctx: Context, args: Args, env: Env) -> Reply:
    """Stores the file sent with the message, or the link written after the case; else lists."""
    body, number, year = args.body, _required(args.number), _required(args.year)
    if env.upload is not None:
        change = await documents.attach_file(ctx, body, number, year, env.upload)
        code = "document_attached"
    elif args.link is not None:
        change = await documents.attach_link(ctx, body, number, year, args.link, args.title, env.outlets.file_hosts)
        code = "document_link_attached"
    else:
        listed = await documents.list_documents(ctx, body, number, year)
        return Reply(
            cards=[
                documents_card(listed, linked_documents(listed.documents, env.outlets.downloads, env.lang), env.lang)
            ]
        )
    text = say(env.lang, code, number=change.document.number, case=change.case.reference, title=change.document.title)
    return Reply(
        text,
        cards=[
            documents_card(
                change.case, linked_documents(change.case.documents, env.outlets.downloads, env.lang), env.lang
            )
        ],
    )


async def detach(ctx: Context, args: Args, env: Env) -> Reply:
    change = await documents.detach(
        ctx, args.body, _required(args.number), _required(args.year), _required(args.document)
    )
    return Reply(
        say(
            env.lang,
            "document_removed",
            number=change.document.number,
            title=change.document.title,
            case=change.case.reference,
        )
    )


async def schedule_case(ctx: Context, args: Args, env: Env) -> Reply:
    view, previous = await cases.schedule_case(ctx, args.body, _required(args.number), _required(args.year), args.day)
    text = say(
        env.lang, "case_scheduled", case=view.reference, when=when_text(_required(view.meeting_at), None, env.lang)
    )
    if previous is not None:
        text += " " + say(env.lang, "case_moved_from", when=when_text(previous.starts_at, None, env.lang))
    return Reply(text)


async def postpone_case(ctx: Context, args: Args, env: Env) -> Reply:
    view = await cases.postpone_case(ctx, args.body, _required(args.number), _required(args.year))
    return Reply(say(env.lang, "case_postponed", case=view.reference))


async def withdraw_case(ctx: Context, args: Args, env: Env) -> Reply:
    view = await cases.withdraw_case(ctx, args.body, _required(args.number), _required(args.year))
    return Reply(say(env.lang, "case_withdrawn", case=view.reference))


async def show_agenda(ctx: Context, args: Args, env: Env) -> Reply:
    view = await agenda.show_agenda(ctx, args.body, args.day)
    on_agenda = await documents.documents_on_agenda(ctx, view)
    listed = tuple(
        (reference, linked_documents(views, env.outlets.downloads, env.lang))
        for reference, views in sorted(on_agenda.items())
    )
    return Reply(cards=agenda_cards(view, env.lang, calendar_base(env), listed))


async def show_notice(ctx: Context, args: Args, env: Env) -> Reply:
    view = await notice.show_notice(ctx, args.body, args.day)
    links = env.outlets.downloads
    downloads = notice_downloads(links, view, env.lang)
    documents = {ref: linked_documents(views, links, env.lang) for ref, views in view.documents.items()}
    return Reply(cards=[notice_card(view, env.lang, downloads, documents)])


async def publish_agenda(ctx: Context, args: Args, env: Env) -> Reply:
    result = await agenda.publish_agenda(ctx, args.body, args.day, again=args.again)
    when = when_text(result.agenda.starts_at, result.agenda.ends_at, env.lang)
    if not result.posted:
        return Reply(say(env.lang, "agenda_unchanged", when=when))
    code = "agenda_republished" if result.changed else "agenda_published"
    return Reply(say(env.lang, code, when=when, body=result.agenda.body.key))


async def meeting_plan(ctx: Context, args: Args, env: Env) -> Reply:
    year = args.year or oslo_date(ctx.now()).year
    if args.body is None:
        return Reply(cards=[year_wheel_card(await year_plan.year_wheel(ctx, year), env.lang)])
    proposal = await year_plan.propose_meeting_plan(ctx, args.body, year)
    seal = env.outlets.card_seal.sealed if env.outlets.card_seal else None
    return Reply(cards=[meeting_plan_card(proposal, env.lang, seal)])


async def call_substitute(ctx: Context, args: Args, env: Env) -> Reply:
    try:
        call = await attendance.call_substitute(ctx, args.body, args.day, _required(args.text))
    except DomainError as error:
        if error.code == "not_a_substitute":  # the name as typed: quoted back only in part
            error.params["name"] = excerpt(str(error.params["name"]))
        raise
    return Reply(substitute_reply_text(call, env.lang))


async def open_paper(ctx: Context, args: Args, env: Env) -> Reply:
    view = await paper.open_paper(ctx, args.body, _required(args.number), _required(args.year))
    return Reply(cards=[paper_card(view, env.lang)])


async def set_proposal(ctx: Context, args: Args, env: Env) -> Reply:
    saved = await paper.set_proposal(ctx, args.body, _required(args.number), _required(args.year), _required(args.text))
    code = "proposal_set" if saved.changed else "paper_unchanged"
    return Reply(say(env.lang, code, case=saved.view.reference))


_EDITED = {
    paper.CaseAttribute.TITLE: "edited_title",
    paper.CaseAttribute.TYPE: "edited_type",
    paper.CaseAttribute.OFFICER: "edited_officer",
}


async def edit_case(ctx: Context, args: Args, env: Env) -> Reply:
    attribute = _required(args.case_attribute)
    saved = await paper.edit_case(
        ctx, args.body, _required(args.number), _required(args.year), attribute, _required(args.text)
    )
    view = saved.view
    value = {
        paper.CaseAttribute.TITLE: view.title,
        paper.CaseAttribute.TYPE: label(env.lang, view.case_type).lower(),
        paper.CaseAttribute.OFFICER: view.case_officer or "",
    }[attribute]
    code = "case_edited" if saved.changed else "case_edit_unchanged"
    return Reply(say(env.lang, code, case=view.reference, what=say(env.lang, _EDITED[attribute]), value=value))


async def search_cases(ctx: Context, args: Args, env: Env) -> Reply:
    return Reply(cards=[case_search_card(await search.search_cases(ctx, _required(args.text)), env.lang)])


async def exempt_case(ctx: Context, args: Args, env: Env) -> Reply:
    view = await exemption.exempt_case(
        ctx, args.body, _required(args.number), _required(args.year), _required(args.basis)
    )
    assert view.exemption is not None
    title = public_title_shown(view.exemption, env.lang)
    return Reply(say(env.lang, "case_exempted", case=view.reference, basis=view.exemption.basis.value, title=title))


async def exempt_document(ctx: Context, args: Args, env: Env) -> Reply:
    change = await exemption.exempt_document(
        ctx, args.body, _required(args.number), _required(args.year), _required(args.document), _required(args.basis)
    )
    basis = change.document.exemption_basis
    assert basis is not None
    return Reply(
        say(env.lang, "document_exempted", number=change.document.number, case=change.case.reference, basis=basis.value)
    )


async def lift_exemption(ctx: Context, args: Args, env: Env) -> Reply:
    number, year = _required(args.number), _required(args.year)
    if args.document is not None:
        change = await exemption.lift_document_exemption(ctx, args.body, number, year, args.document)
        text = say(env.lang, "document_exemption_lifted", number=change.document.number, case=change.case.reference)
        return Reply(text)
    view = await exemption.lift_case_exemption(ctx, args.body, number, year)
    return Reply(say(env.lang, "case_exemption_lifted", case=view.reference))


async def set_public_title(ctx: Context, args: Args, env: Env) -> Reply:
    view = await exemption.set_public_title(
        ctx, args.body, _required(args.number), _required(args.year), _required(args.text)
    )
    assert view.exemption is not None
    return Reply(
        say(env.lang, "public_title_set", case=view.reference, title=public_title_shown(view.exemption, env.lang))
    )
