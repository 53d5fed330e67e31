"""Every sentence the bot says, in bokmål and English.

Codes are shared with governance.rules.errors.DomainError and the parser's errors; `say` picks the
language from the user's locale (nb-NO by default, en-* English).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from governance.rules.handling import VoteKind
from governance.rules.model import (
    ApprovalPolicy,
    AttendanceStatus,
    BodyKind,
    CaseStatus,
    CaseType,
    DecisionStatus,
    MeasureStatus,
    MeetingStatus,
    MinutesApprovers,
    MinutesStatus,
    PlanStatus,
    Role,
    StandardItem,
    Verdict,
)
from governance.rules.reminders import ReminderKind

Language = Literal["nb", "en"]

TEXTS: dict[str, tuple[str, str]] = {
    # Errors from the domain
    "unknown_body": (
        "Ukjent organ «{body}». Kjente organer: {known}.",
        "Unknown body '{body}'. Known bodies: {known}.",
    ),
    "body_required": (
        "Oppgi organet (for eksempel SSU), eller koble denne kanalen til et organ med «koble <organ>». Kjente organer: {known}.",
        "Name the body (for example SSU), or link this channel to a body with 'link <body>'. Known bodies: {known}.",
    ),
    "unknown_case": ("Fant ingen sak {case} i {body}.", "No case {case} in {body}."),
    "not_allowed": (
        "Du har ikke rettigheter til dette i {body}. Det krever sekretariatet eller organets leder eller sekretær.",
        "You are not allowed to do this in {body}. It takes the secretariat or the body's leader or secretary.",
    ),
    "not_allowed_participant": (
        "Du er ikke registrert som medlem av {body}, så du kan ikke gjøre dette der.",
        "You are not registered as a member of {body}, so you cannot do this there.",
    ),
    # The audit log (`logg`) and the access review (`tilganger`), issue 18
    "audit_log_not_allowed": (
        "Loggen for {body} kan bare sekretariatet og organets leder se.",
        "Only the secretariat and the body's leader may see the log of {body}.",
    ),
    "access_not_allowed": (
        "Tilgangsoversikten kan bare sekretariatet se.",
        "Only the secretariat may see the access review.",
    ),
    "audit_log_title": ("Logg – {name} ({body})", "Log – {name} ({body})"),
    "audit_log_case_title": ("Logg – sak {case} i {body}", "Log – case {case} in {body}"),
    "audit_log_empty": ("Ingen endringer er logget ennå.", "No changes logged yet."),
    "audit_log_more": ("… og {count} til.", "… and {count} more."),
    "audit_log_show_more": ("Vis flere", "Show more"),
    "audit_actor_import": ("strukturfil", "structure file"),
    "audit_actor_unknown": ("ukjent", "unknown"),
    "audit_refused": ("Avvist: {action}", "Refused: {action}"),
    "access_title": ("Tilganger", "Access review"),
    "access_secretariat": ("Sekretariatet", "The secretariat"),
    "access_entra_known": ("Entra-ID kjent", "Entra ID known"),
    "access_entra_missing": ("Entra-ID mangler", "Entra ID missing"),
    "access_changes": ("Rolleendringer siste {days} dager", "Role changes in the last {days} days"),
    "access_no_changes": ("Ingen rolleendringer.", "No role changes."),
    "access_no_holders": ("Ingen har roller her.", "Nobody holds a role here."),
    "access_change_added": ("lagt til", "added"),
    "access_change_removed": ("fjernet", "removed"),
    "access_change_changed": ("endret", "changed"),
    "access_change_linked": ("Entra-ID bekreftet", "Entra ID confirmed"),
    "attendance_title": ("Fremmøte {body}", "Attendance {body}"),
    "minutes_draft": ("Utkast til protokoll", "Draft minutes"),
    "minutes_pending": ("Protokoll til godkjenning", "Minutes awaiting approval"),
    "minutes_deferred": ("Protokoll – godkjennes i neste møte", "Minutes – approved at the next meeting"),
    "minutes_returned": ("Protokoll avvist – tilbake til utkast", "Minutes rejected – back to draft"),
    "minutes_approved": ("Godkjent protokoll", "Approved minutes"),
    "minutes_version": ("versjon {number}", "version {number}"),
    "minutes_approve_at": ("Godkjennes i møtet", "Approved at the meeting"),
    "approved_at": ("Godkjent", "Approved"),
    "approved_by": ("Godkjent av", "Approved by"),
    "correction": ("Rettelse", "Correction"),
    "minutes_rejected_by": (
        "Avvist av {name}: «{comment}». Sekretariatet kan rette og sende protokollen på nytt med «protokoll».",
        "Rejected by {name}: '{comment}'. The secretariat can correct the minutes and send them again with 'minutes'.",
    ),
    "minutes_posted": (
        "Protokollen fra møtet i {body} {when} legges ut til godkjenning ({policy}).",
        "The minutes of the {body} meeting {when} are being posted for approval ({policy}).",
    ),
    "minutes_new_round": (
        "Protokollen fra møtet i {body} {when} er laget på nytt fra det som nå er registrert og lagt ut til godkjenning igjen ({policy}). Tidligere godkjenninger gjelder ikke lenger.",
        "The minutes of the {body} meeting {when} have been drafted again from what is now recorded and posted for approval again ({policy}). Earlier approvals no longer count.",
    ),
    "minutes_new_version": (
        "Den godkjente protokollen fra møtet i {body} {when} er låst. Rettelsen er versjon {number} og er lagt ut til godkjenning ({policy}).",
        "The approved minutes of the {body} meeting {when} are locked. The correction is version {number} and has been posted for approval ({policy}).",
    ),
    "minutes_deferred_reply": (
        "Protokollen fra møtet i {body} {when} godkjennes i neste møte, {next}. Den står på sakslisten der.",
        "The minutes of the {body} meeting {when} will be approved at the next meeting, {next}. They are on its agenda.",
    ),
    "minutes_unchanged": (
        "Protokollen fra møtet i {body} {when} venter fortsatt på godkjenning og er uendret.",
        "The minutes of the {body} meeting {when} are still awaiting approval and have not changed.",
    ),
    "minutes_already_final": (
        "Protokollen fra møtet i {body} {when} er godkjent og låst. Skriv «protokoll {date} rettelse: <tekst>» for å lage en rettet versjon.",
        "The minutes of the {body} meeting {when} are approved and locked. Write 'minutes {date} correction: <text>' to make a corrected version.",
    ),
    "minutes_already_approved": (
        "Protokollen fra møtet {date} er allerede godkjent.",
        "The minutes of the meeting on {date} are already approved.",
    ),
    "handling_case_not_on_agenda": (
        "Sak {case} står ikke på sakslisten til et møte i {body} som har begynt. Votering og protokolltilførsel føres for en sak på et møte som er i gang eller holdt.",
        "Case {case} is not on the agenda of a {body} meeting that has begun. Votes and statements for the minutes are recorded for a case at a meeting under way or held.",
    ),
    "handling_information_case_vote": (
        "Sak {case} er en orienteringssak og voteres ikke over. Skriv «votering {case} orientering» for å føre at den ble tatt til orientering.",
        "Case {case} is an information case and is not voted on. Write 'vote {case} noted' to record that it was noted.",
    ),
    "handling_decision_case_noted": (
        "Sak {case} er en vedtakssak og kan ikke bare tas til orientering. Før voteringen («enstemmig» eller «<for> mot <mot>»), eller «utsatt» om den ikke ble avgjort.",
        "Case {case} is a decision case and cannot merely be noted. Record the vote ('unanimous' or '<for> against <against>'), or 'postponed' if it was not decided.",
    ),
    "handling_voter_unknown": (
        "«{name}» er ikke blant medlemmene i møtet. Til stede med stemmerett: {known}.",
        "'{name}' is not among the meeting's members. Present with a vote: {known}.",
    ),
    "handling_voter_not_present": (
        "{name} var ikke til stede med stemmerett i møtet og kan ikke stemme. Til stede med stemmerett: {known}.",
        "{name} was not present with a vote at the meeting and cannot vote. Present with a vote: {known}.",
    ),
    "handling_voter_disqualified": (
        "{name} er inhabil i saken og kan ikke stemme.",
        "{name} is disqualified on the case and cannot vote.",
    ),
    "handling_statement_who": (
        "Velg hvem protokolltilførselen er fra.",
        "Choose whom the statement for the minutes is from.",
    ),
    "handling_alternative_who": (
        "Velg hvem som fremmet det alternative forslaget.",
        "Choose who put forward the alternative proposal.",
    ),
    "handling_alternative_missing": (
        "Skriv det alternative forslaget.",
        "Write the alternative proposal.",
    ),
    "handling_counts_missing": (
        "Skriv stemmene for og mot.",
        "Enter the votes for and against.",
    ),
    "handling_fell_but_decided": (
        "Et vedtak i sak {case} er alt ført i dette møtet, så forslaget kan ikke føres som falt. Rett voteringen, eller før saken som «utsatt» om den ikke ble avgjort.",
        "A decision on case {case} is already recorded at this meeting, so the proposal cannot be recorded as defeated. Correct the vote, or record the case as 'postponed' if it was not decided.",
    ),
    "handling_voter_twice": ("{name} er nevnt to ganger.", "{name} is named twice."),
    "handling_too_many_votes": (
        "Det er ført {total} stemmer, men bare {voters} med stemmerett var til stede (inhabile ikke medregnet).",
        "{total} votes were given, but only {voters} with a vote were present (the disqualified not counted).",
    ),
    "handling_names_exceed_against": (
        "Du nevnte {names} som stemte mot, men bare {against} stemmer er ført mot.",
        "You named {names} voting against, but only {against} votes against are recorded.",
    ),
    "handling_no_proposal": (
        "Sak {case} har ikke noe forslag til vedtak å stemme over. Skriv forslaget med «forslag {body} {case}: <tekst>» eller vedtaket med «vedtak {body} {case}: <tekst>» først.",
        "Case {case} has no proposed decision to vote on. Write the proposal with 'proposal {body} {case}: <text>' or the decision with 'decide {body} {case}: <text>' first.",
    ),
    "handling_statement_unknown": (
        "«{name}» er ikke blant medlemmene i møtet. Til stede: {known}.",
        "'{name}' is not among the meeting's members. Present: {known}.",
    ),
    "handling_statement_not_present": (
        "{name} var ikke til stede i møtet. Til stede: {known}.",
        "{name} was not present at the meeting. Present: {known}.",
    ),
    "statement_text_missing": (
        "Skriv protokolltilførselen etter navnet og et kolon: «protokolltilførsel SSU 12/2026 Kari Nordmann: <tekst>».",
        "Write the statement after the name and a colon: 'statement SSU 12/2026 Kari Nordmann: <text>'.",
    ),
    "vote_recorded_unanimous": (
        "Sak {case} i {body}: enstemmig vedtatt. {decision}",
        "Case {case} in {body}: carried unanimously. {decision}",
    ),
    "vote_recorded_carried": (
        "Sak {case} i {body}: forslaget ble vedtatt med {votes_for} mot {against} stemmer{blank}.{names} {decision}",
        "Case {case} in {body}: the proposal was carried by {votes_for} votes to {against}{blank}.{names} {decision}",
    ),
    "vote_recorded_fell": (
        "Sak {case} i {body}: forslaget falt med {votes_for} mot {against} stemmer{blank}.{names} Ingen vedtak er sendt til godkjenning.",
        "Case {case} in {body}: the proposal was defeated by {votes_for} votes to {against}{blank}.{names} No decision was sent for approval.",
    ),
    "vote_recorded_noted": (
        "Sak {case} i {body} er ført som tatt til orientering.",
        "Case {case} in {body} is recorded as noted.",
    ),
    "vote_recorded_not_decided": (
        "Sak {case} i {body} er ført som ikke avgjort i møtet og ligger i køen som utsatt.",
        "Case {case} in {body} is recorded as not decided at the meeting and waits in the queue as postponed.",
    ),
    "vote_decision_sent": (
        "Vedtaket er sendt til godkjenning ({where}).",
        "The decision was sent for approval ({where}).",
    ),
    "vote_decision_kept": (
        "Vedtaket som alt er ført, står og går til godkjenning som før.",
        "The decision already recorded stands and goes to approval as before.",
    ),
    "vote_decision_kept_final": (
        "Vedtaket som alt er ført, er endelig og står som det er.",
        "The decision already recorded is final and stands as it is.",
    ),
    "statement_recorded": (
        "Protokolltilførsel fra {name} er ført i sak {case} i {body}.",
        "The statement from {name} is recorded on case {case} in {body}.",
    ),
    "minutes_open_decisions": (
        "Protokollen kan ikke godkjennes ennå. Ikke endelig vedtak i sak {cases}: få vedtaket godkjent (eller formulert på nytt med «vedtak» og godkjent), og lag protokollen på nytt med «protokoll».",
        "The minutes cannot be approved yet. No final decision in case {cases}: have the decision approved (or worded again with 'decision' and approved), then draft the minutes again with 'minutes'.",
    ),
    "minutes_open_decisions_note": (
        "Ikke endelig vedtak i sak {cases}. Protokollen kan ikke godkjennes før vedtaket er endelig og protokollen er laget på nytt.",
        "No final decision in case {cases}. The minutes cannot be approved until the decision is final and the minutes are drafted again.",
    ),
    "minutes_approved_at_meeting": (
        "Protokollen godkjennes i møtet {date}. Du kan godkjenne den fra den dagen.",
        "The minutes are approved at the meeting on {date}. You can approve them from that day.",
    ),
    # Who approves the minutes (issue 17, item 3)
    "minutes_need_signatories": (
        "{body} godkjenner protokollen ved to signatarer valgt i møtet. Skriv «protokoll {body} signatarer <navn>, <navn>».",
        "{body} has its minutes approved by two signatories chosen at the meeting. Write 'minutes {body} signatories <name>, <name>'.",
    ),
    "signatories_not_used": (
        "{body} velger ikke signatarer: protokollen godkjennes etter regelen «{rule}» i strukturfilen.",
        "{body} does not choose signatories: its minutes are approved under the rule '{rule}' in the structure file.",
    ),
    "signatories_need_two": (
        "Skriv to ulike signatarer, skilt med komma (du skrev {count}). Til stede med stemmerett: {known}.",
        "Name two different signatories, separated by a comma (you gave {count}). Present with a vote: {known}.",
    ),
    "signatory_unknown": (
        "«{name}» er ikke medlem av {body}. Til stede med stemmerett: {known}.",
        "'{name}' is not a member of {body}. Present with a vote: {known}.",
    ),
    "signatory_not_present": (
        "{name} var ikke til stede med stemmerett i møtet og kan ikke signere protokollen. Til stede med stemmerett: {known}.",
        "{name} was not present with a vote at the meeting and cannot sign the minutes. Present with a vote: {known}.",
    ),
    "minutes_attendance_missing": (
        "Fremmøtet er ikke registrert, så alle medlemmer står som til stede og alle med stemmerett blir bedt om å godkjenne. Registrer fremmøtet med «fremmøte», og kjør «protokoll» igjen.",
        "No attendance has been recorded, so every member is listed as present and everyone with a vote is asked to approve. Record it with 'attendance' and run 'minutes' again.",
    ),
    "minutes_asked": ("Godkjennes av", "To be approved by"),
    "no_next_meeting_planned": (
        "Organet har ikke noe neste møte planlagt. Planlegg det med «nytt møte» først.",
        "The body has no next meeting planned. Plan it with 'new meeting' first.",
    ),
    "unknown_minutes": (
        "Fant ikke protokollen. Kortet kan være utdatert.",
        "The minutes were not found. The card may be out of date.",
    ),
    "download_docx": ("Last ned Word", "Download Word"),
    "download_pdf": ("Last ned PDF", "Download PDF"),
    # Printed documents (cards/printed.py): «Side 2 av 5» in the footer of every page
    "page_word": ("Side", "Page"),
    "page_of_word": ("av", "of"),
    "link_expired": (
        "Lenken er utløpt eller ugyldig. Skriv «{command}» til boten for en ny.",
        "The link has expired or is not valid. Write '{command}' to the bot for a new one.",
    ),
    "present": ("Til stede", "Present"),
    "substitutes": ("Vara til stede", "Substitutes present"),
    "absent": ("Ikke til stede", "Not present"),
    "quorum": ("Vedtaksførhet", "Quorum"),
    "quorum_rule": ("vedtaksført med", "quorate with"),
    "quorum_majority": ("mer enn halvparten med stemmerett til stede", "more than half with a vote present"),
    "quorum_at_least": ("minst {count} med stemmerett til stede", "at least {count} with a vote present"),
    "quorum_share": ("minst {share} av dem med stemmerett til stede", "at least {share} of those with a vote present"),
    "quorum_met": (
        "{body} var vedtaksført ({present} av {seats} med stemmerett til stede).",
        "{body} was quorate ({present} of {seats} with a vote present).",
    ),
    "quorum_not_met": (
        "{body} var ikke vedtaksført ({present} av {seats} med stemmerett til stede; {required} kreves).",
        "{body} was not quorate ({present} of {seats} with a vote present; {required} required).",
    ),
    "minutes_decision": ("Vedtak: {text}", "Decision: {text}"),
    "minutes_decision_pending": ("Vedtak (til godkjenning): {text}", "Decision (awaiting approval): {text}"),
    "minutes_decision_returned": (
        "Forslag til vedtak (avvist, ikke endelig): {text}",
        "Proposed decision (rejected, not final): {text}",
    ),
    "minutes_noted": ("Tatt til orientering.", "Noted."),
    # How a case was dealt with (issue 17, item 1): behandling, votering, protokolltilførsel
    "handling_heading": ("Behandling", "Proceedings"),
    "handling_card_title": ("Behandling av sak {case} {title} ({body})", "Proceedings on case {case} {title} ({body})"),
    "handling_card_alternative": ("Alternativt forslag (valgfritt)", "Alternative proposal (optional)"),
    "handling_card_alternative_by": ("Forslaget ble fremmet av", "Proposal put forward by"),
    "handling_card_adopted": (
        "Vedtatt forslag, når et alternativ er fremmet",
        "Proposal adopted, when an alternative is put forward",
    ),
    "handling_card_adopted_alternative": ("Det alternative forslaget", "The alternative proposal"),
    "handling_card_adopted_paper": ("Forslaget til vedtak i saken", "The case's proposed decision"),
    "handling_card_outcome": ("Votering", "Vote"),
    "handling_card_no_vote": ("Ingen votering ført nå", "No vote recorded now"),
    "handling_card_for": ("Stemmer for", "Votes for"),
    "handling_card_against": ("Stemmer mot", "Votes against"),
    "handling_card_blank": ("Blanke stemmer", "Blank votes"),
    "handling_card_against_names": ("Stemte mot (valgfritt)", "Voted against (optional)"),
    "handling_card_statement_by": ("Protokolltilførsel fra", "Statement for the minutes from"),
    "handling_card_statement": ("Protokolltilførsel", "Statement for the minutes"),
    "handling_card_save": ("Lagre behandlingen", "Save the proceedings"),
    "handling_saved": ("Behandlingen av sak {case} er lagret.", "The proceedings on case {case} are saved."),
    "handling_paper_proposal": ("Forslag til vedtak: {text}", "Proposed decision: {text}"),
    "handling_proposal_from": ("Forslag fra {name}: {text}", "Proposal from {name}: {text}"),
    "handling_unanimous": ("Votering: Enstemmig vedtatt.", "Vote: Carried unanimously."),
    "handling_carried": (
        "Votering: Forslaget ble vedtatt med {votes_for} mot {against} stemmer{blank}.",
        "Vote: The proposal was carried by {votes_for} votes to {against}{blank}.",
    ),
    "handling_fell": (
        "Votering: Forslaget falt med {votes_for} mot {against} stemmer{blank}.",
        "Vote: The proposal was defeated by {votes_for} votes to {against}{blank}.",
    ),
    "handling_blank": (" ({count} blank)", " ({count} blank)"),
    "handling_blanks": (" ({count} blanke)", " ({count} blank)"),
    "handling_against_names": ("Mot stemte: {names}.", "Voting against: {names}."),
    "handling_statement": ("Protokolltilførsel fra {name}: {text}", "Statement for the minutes from {name}: {text}"),
    "handling_noted": ("Saken ble tatt til orientering.", "The case was noted."),
    "handling_not_decided": (
        "Saken ble ikke avgjort i møtet (utsatt).",
        "The case was not decided at the meeting (postponed).",
    ),
    "minutes_no_decision": ("Ingen vedtak registrert.", "No decision recorded."),
    "minutes_disqualified": (
        "{name} erklærte seg inhabil og deltok ikke i behandlingen",
        "{name} declared themself disqualified and took no part",
    ),
    # A present member disqualified on a case steps down while it is heard and rejoins after it.
    "minutes_stepped_out": (
        "{name} fratrådte under behandlingen av saken (inhabil) og tiltrådte igjen etter saken.",
        "{name} stepped down while the case was heard (disqualified) and rejoined the meeting after it.",
    ),
    "minutes_stepped_out_reason": (
        "{name} fratrådte under behandlingen av saken (inhabil: {reason}) og tiltrådte igjen etter saken.",
        "{name} stepped down while the case was heard (disqualified: {reason}) and rejoined the meeting after it.",
    ),
    # The attendance table of the minutes: its heading, columns and derived notes.
    "minutes_attendance": ("Fremmøte", "Attendance"),
    "attendance_column_name": ("Navn", "Name"),
    "attendance_column_role": ("Rolle", "Role"),
    "attendance_column_represents": ("Representerer", "Represents"),
    "attendance_column_note": ("Merknad", "Note"),
    "attendance_substitute_for": ("Vara for {name}", "Substitute for {name}"),
    "attendance_stepped_out": (
        "Fratrådte under sak {case} (inhabil)",
        "Stepped down during case {case} (disqualified)",
    ),
    "attendance_note_label": ("Merknad for {name}", "Note for {name}"),
    "attendance_note_placeholder": (
        "For eksempel «Til stede fra kl. 10.30»",
        "For example 'Present from 10.30'",
    ),
    "field_attendance_note": ("Merknaden", "The note"),
    "not_called_in": ("Ikke innkalt", "Not called in"),
    "save_attendance": ("Lagre fremmøte", "Save attendance"),
    "attendance_saved": ("Fremmøtet er lagret.", "The attendance is saved."),
    "unknown_meeting": (
        "Fant ikke møtet. Kortet kan være utdatert.",
        "The meeting was not found. The card may be out of date.",
    ),
    "absence_notice": (
        "Forfall: {who} kommer ikke på møtet i {body} {when}.",
        "Absence: {who} will not attend the {body} meeting on {when}.",
    ),
    "absence_substitute": ("Vara som kan kalles inn: {who}.", "Substitute to call: {who}."),
    "absence_no_substitute": ("{body} har ingen ledig vara registrert.", "{body} has no free substitute registered."),
    "absence_recorded": (
        "Forfallet ditt til møtet i {body} {when} er registrert.",
        "Your absence from the {body} meeting on {when} is recorded.",
    ),
    "absence_already_registered": (
        "Forfallet ditt til møtet i {body} {when} er allerede registrert. Ingenting nytt er sendt til kanalen.",
        "Your absence from the {body} meeting on {when} is already recorded. Nothing new was posted to the channel.",
    ),
    "absence_secretariat_told": (
        "Sekretariatet får beskjed i kanalen til {body} nå.",
        "The secretariat is being told in {body}'s channel now.",
    ),
    "absence_secretariat_not_told": (
        "Sekretariatet kunne ikke varsles, fordi {body} ikke er koblet til en kanal. Gi dem beskjed selv.",
        "The secretariat could not be told, as {body} is not linked to a channel. Please tell them yourself.",
    ),
    "disqualified_declared": (
        "Du er registrert som inhabil i sak {case} i {body}. Du godkjenner ikke vedtaket i saken, og erklæringen føres i protokollen.",
        "You are registered as disqualified on case {case} in {body}. You will not approve its decision, and the minutes will record it.",
    ),
    "refer_to_same_body": ("Saken ligger allerede i {body}.", "The case is already in {body}."),
    "case_already_referred": ("Sak {case} er allerede sendt videre.", "Case {case} has already been referred."),
    "what_target_body": ("organet saken skal sendes til, etter «til»", "the body to refer to, after 'to'"),
    "search_words_missing": (
        "Skriv hva du vil søke etter, for eksempel «vedtak søk utskrivning».",
        "Write what to search for, for example 'decisions search discharge'.",
    ),
    # The action plan
    "plan_title": ("Handlingsplan {year} – {body}", "Action plan {year} – {body}"),
    "plan_adopted_by": ("Vedtatt i sak", "Adopted in case"),
    "plan_carried_from": ("Videreført fra", "Carried over from"),
    "overdue": ("Forfalte tiltak", "Overdue measures"),
    "overdue_mark": ("⚠️ forfalt", "⚠️ overdue"),
    "action_plan": ("Handlingsplan", "Action plan"),
    "plan_adopts_fact": (
        "Når vedtaket er endelig, er handlingsplan {year} vedtatt",
        "When the decision is final, the {year} action plan is adopted",
    ),
    "plan_adopted_fact": ("Handlingsplan {year} er vedtatt", "The {year} action plan is adopted"),
    "plan_put_forward": (
        "Sak {case} «Handlingsplan {year}» er meldt inn i {body}. Sett den opp på et møte med «sett opp {body} {case}».",
        "Case {case} 'Handlingsplan {year}' is registered in {body}. Put it on a meeting with 'schedule {body} {case}'.",
    ),
    "plan_put_forward_delegated": (
        "{body} vedtar planen etter myndighet delegert fra {owner}.",
        "{body} adopts the plan under authority delegated by {owner}.",
    ),
    "plan_adopted_when_final": (
        "Når vedtaket i saken er endelig, er planen vedtatt.",
        "When the decision on the case is final, the plan is adopted.",
    ),
    "plan_needs_referral": (
        "{body} kan ikke vedta planen selv, for den eies av {owner}. Når {body} har behandlet saken, send den videre med «send {body} {case} til {owner}»; vedtaket i {owner} vedtar planen.",
        "{body} cannot adopt the plan itself, as {owner} owns it. When {body} has dealt with the case, send it on with 'refer {body} {case} to {owner}'; the decision in {owner} adopts the plan.",
    ),
    "plan_already_adopted": ("Handlingsplan {year} er allerede vedtatt.", "The {year} action plan is already adopted."),
    "plan_already_put_forward": (
        "Handlingsplan {year} er allerede lagt fram til vedtak i sak {case}.",
        "The {year} action plan has already been put forward for adoption in case {case}.",
    ),
    "plan_put_forward_in": ("Lagt fram til vedtak i sak", "Put forward for adoption in case"),
    "measure_detail_title": ("Tiltak {measure} {title}", "Measure {measure} {title}"),
    "focus_area": ("Satsningsområde", "Focus area"),
    "due": ("Frist", "Due"),
    "description": ("Beskrivelse", "Description"),
    "history": ("Historikk", "History"),
    "history_created": ("opprettet som {status}", "created as {status}"),
    "by_import": ("import", "import"),
    "reminders_title": ("Påminnelser – {body}", "Reminders – {body}"),
    "reminders_deadline": ("Frist for saker", "Case deadline"),
    "reminders_days_before": ("{days} dager før møtet", "{days} days before the meeting"),
    "reminders_agenda_publish": (
        "publiseres av boten {days} dager før, om sekretariatet ikke har gjort det",
        "published by the bot {days} days before, unless the secretariat has",
    ),
    "reminders_agenda_remind": (
        "sekretariatet minnes på å publisere den {days} dager før",
        "the secretariat is reminded to publish it {days} days before",
    ),
    "reminders_eve": ("Påminnelse dagen før møtet", "Reminder the day before the meeting"),
    "reminders_changed": (
        "Påminnelsene for {body} er endret; kommende møter følger de nye.",
        "The reminders of {body} are changed; upcoming meetings follow the new ones.",
    ),
    "reminders_next": ("Neste påminnelser", "Next reminders"),
    "reminders_none": ("Ingen planlagt.", "None planned."),
    "reminders_for_meeting": ("(møtet {when})", "(the meeting {when})"),
    "reminder_days_out_of_range": (
        "Antall dager må være mellom 1 og {limit} (ikke {days}).",
        "The number of days must be between 1 and {limit} (not {days}).",
    ),
    "reminder_agenda_before_deadline": (
        "Sakslisten må gå ut etter fristen for å melde inn saker, så «saksliste» må være færre dager før møtet enn «frist» (nå saksliste {agenda_days} og frist {case_deadline_days}). Ingenting er endret.",
        "The agenda must go out after the deadline for submitting cases, so 'agenda' must be fewer days before the meeting than 'deadline' (now agenda {agenda_days} and deadline {case_deadline_days}). Nothing was changed.",
    ),
    "reminder_days_expected": (
        "Etter «{word}» kommer antall dager, for eksempel «{word} 14» (ikke «{value}»).",
        "After '{word}' comes a number of days, for example '{word} 14' (not '{value}').",
    ),
    "reminder_yes_no_expected": (
        "Etter «{word}» kommer ja eller nei (ikke «{value}»).",
        "After '{word}' comes yes or no (not '{value}').",
    ),
    "calendar_link": (
        "Kalenderen til {body} med alle møtene: {url}\nAbonner på den i Outlook («Legg til kalender» → «Abonner fra nettet») eller Google Kalender. Lenken gir innsyn i møtene; del den bare med dem som skal ha det.",
        "The calendar of {body} with all its meetings: {url}\nSubscribe to it in Outlook ('Add calendar' → 'Subscribe from web') or Google Calendar. The link shows the meetings; share it only with those who should see them.",
    ),
    "join_teams_meeting": ("Bli med i Teams-møtet", "Join the Teams meeting"),
    "outlook_off": (
        "Outlook-invitasjoner er av (Microsoft Graph er ikke satt opp for boten); medlemmene kan abonnere på møtene med «kalender {body}».",
        "Outlook invitations are off (Microsoft Graph is not set up for the bot); members can subscribe to the meetings with 'calendar {body}'.",
    ),
    "outlook_no_organiser": (
        "{body} har ingen arrangør (organiser i strukturfilen), så det sendes ingen Outlook-invitasjon.",
        "{body} has no organiser in the structure file, so no Outlook invitation is sent.",
    ),
    "outlook_sent": (
        "Outlook-invitasjonen med Teams-møte sendes fra kalenderen til {organiser} om litt.",
        "The Outlook invitation with a Teams meeting will be sent from the calendar of {organiser} shortly.",
    ),
    "outlook_on": (
        "Medlemmene får også møtene som Outlook-invitasjoner med Teams-møte, fra kalenderen til {organiser}.",
        "Members also get the meetings as Outlook invitations with a Teams meeting, from the calendar of {organiser}.",
    ),
    "outlook_updated": (
        "Outlook-invitasjonen oppdateres om litt.",
        "The Outlook invitation will be updated shortly.",
    ),
    "outlook_cancelled": (
        "Outlook-invitasjonen avlyses om litt.",
        "The Outlook invitation will be cancelled shortly.",
    ),
    "calendar_renewed": (
        "Ny kalenderlenke for {body}: {url}\nDen gamle lenken virker ikke lenger; gi den nye til medlemmene.",
        "New calendar link for {body}: {url}\nThe old link no longer works; give the new one to the members.",
    ),
    "add_to_calendar": ("Legg i kalender (.ics)", "Add to calendar (.ics)"),
    "calendar_not_found": (
        "Fant ikke kalenderen. Be om en ny lenke med «kalender».",
        "Calendar not found. Ask for a new link with 'calendar'.",
    ),
    # medlemmer synk: the Teams roster matched with a body's members
    "members_sync_title": ("Medlemmer og Teams – {name} ({body})", "Members and Teams – {name} ({body})"),
    "members_sync_intro": (
        "Medlemmene er funnet i Teams på e-postadressen. Bekreft for å lagre koblingen til Teams-kontoene; da kan de godkjenne vedtak og få påminnelser i Teams.",
        "The members were found in Teams by their email address. Confirm to store the link to their Teams accounts; they can then approve decisions and get reminders in Teams.",
    ),
    "members_sync_changes": ("Kobles til Teams-kontoen ({count})", "To be linked to their Teams account ({count})"),
    "members_sync_replaces": ("erstatter en annen Teams-konto", "replaces another Teams account"),
    "members_sync_conflicts": (
        "Endres ikke – kontoen er allerede koblet til en annen ({count})",
        "Not changed – the account is already linked to someone else ({count})",
    ),
    "members_sync_conflict": ("{name}: kontoen er koblet til {holder}", "{name}: the account is linked to {holder}"),
    "members_sync_missing": ("Medlemmer som ikke ble funnet i Teams ({count})", "Members not found in Teams ({count})"),
    "members_sync_strangers": (
        "I Teams, men ikke medlem av {body} ({count})",
        "In Teams but not a member of {body} ({count})",
    ),
    "members_sync_more": ("og {count} til", "and {count} more"),
    "members_sync_already": ("Allerede koblet: {count}", "Already linked: {count}"),
    "members_sync_nothing": (
        "Alle medlemmer av {body} som er i Teams, er allerede koblet til Teams-kontoen sin. Ingenting å endre.",
        "Every member of {body} who is in Teams is already linked to their Teams account. Nothing to change.",
    ),
    "members_sync_confirmed": (
        "Bekreftet av {name}: {count} koblet til Teams-kontoen.",
        "Confirmed by {name}: {count} linked to their Teams account.",
    ),
    "members_sync_applied": ("Lagret ({count})", "Stored ({count})"),
    "members_sync_none_stored": (
        "Bekreftet av {name}, men ingenting kunne lagres.",
        "Confirmed by {name}, but nothing could be stored.",
    ),
    "members_sync_not_applied": ("Ikke endret ({count})", "Not changed ({count})"),
    "members_sync_skipped_not_a_member": ("ikke lenger medlem", "no longer a member"),
    "members_sync_skipped_taken": (
        "kontoen er koblet til en annen i mellomtiden",
        "the account has been linked to someone else meanwhile",
    ),
    "members_sync_already_done": (
        "Dette er allerede gjort. Ingenting er endret.",
        "This has already been done. Nothing was changed.",
    ),
    "members_sync_cancelled": ("Avbrutt av {name}. Ingenting er endret.", "Cancelled by {name}. Nothing was changed."),
    "members_sync_needs_channel": (
        "Skriv «medlemmer synk» i kanalen til {body}, eller i en gruppechat med medlemmene. {body} er ikke koblet til noen kanal; koble den med «koble {body}» i kanalen.",
        "Write 'members sync' in the channel of {body}, or in a group chat with its members. {body} is not linked to a channel; link it with 'link {body}' in the channel.",
    ),
    "roster_needs_teams": (
        "Medlemslisten til {body} kan bare leses fra Teams; gi «medlemmer synk» i organets kanal der.",
        "The member list of {body} can only be read from Teams; give 'members sync' in the body's channel there.",
    ),
    "roster_unavailable": (
        "Teams svarte ikke da jeg ba om medlemslisten til {body}. Ingenting er endret; prøv igjen om litt.",
        "Teams did not answer when I asked for the member list of {body}. Nothing was changed; please try again shortly.",
    ),
    "confirm": ("Bekreft", "Confirm"),
    "cancel": ("Avbryt", "Cancel"),
    "plan_status_counts": ("{total} tiltak: {counts}", "{total} measures: {counts}"),
    "plan_status_overdue": ("forfalt: {measures}", "overdue: {measures}"),
    "plan_status_missing": (
        "Ingen handlingsplan for {year} er registrert ennå.",
        "No action plan for {year} has been registered yet.",
    ),
    "plan_status_no_measures": ("Handlingsplanen har ingen tiltak ennå.", "The action plan has no measures yet."),
    "plan_status_area_done": (
        "{ended} av {total} tiltak fullført eller avsluttet",
        "{ended} of {total} measures completed or closed",
    ),
    "plan_status_by_area": ("Status per satsningsområde", "Status per focus area"),
    "plan_status_full_report": (
        "Hele statusrapporten: skriv «handlingsplan {year}».",
        "The full status report: write 'plan {year}'.",
    ),
    "due_on": ("frist {date}", "due {date}"),
    "patient_groups": ("Pasientgrupper: {groups}", "Patient groups: {groups}"),
    "no_measures": ("Ingen tiltak.", "No measures."),
    "no_my_measures": ("Du er ikke ansvarlig for noen åpne tiltak.", "You own no open measures."),
    "measures_title": ("Tiltak – {scope}", "Measures – {scope}"),
    "my_measures_title": ("Mine tiltak", "My measures"),
    "update_measure": ("Oppdater {number}", "Update {number}"),
    "save": ("Lagre", "Save"),
    "progress_placeholder": ("Hva er gjort siden sist?", "What has been done since last time?"),
    "measure_updated": (
        "Tiltak {measure} er oppdatert: {before} → {after}.",
        "Measure {measure} is updated: {before} → {after}.",
    ),
    "measure_noted": ("Fremdriften på tiltak {measure} er notert.", "Progress on measure {measure} is noted."),
    "col_area": ("Område", "Area"),
    "col_area_title": ("Satsningsområde", "Focus area"),
    "col_groups": ("Pasientgrupper", "Patient groups"),
    "col_measure": ("Tiltak", "Measure"),
    "col_title": ("Tittel", "Title"),
    "col_status": ("Status", "Status"),
    "col_owner": ("Ansvarlig", "Owner"),
    "col_due": ("Frist", "Due"),
    "col_overdue": ("Forfalt", "Overdue"),
    "yes": ("ja", "yes"),
    "no": ("nei", "no"),
    "document_not_found": ("Fant ikke dokumentet.", "The document was not found."),
    "public_record_not_found": ("Fant ikke siden.", "The page was not found."),
    "download_xlsx": ("Last ned Excel", "Download Excel"),
    "download_csv": ("Last ned CSV", "Download CSV"),
    "plan_started": (
        "Handlingsplan {year} er startet, eid av {body}.",
        "The action plan for {year} is started, owned by {body}.",
    ),
    "plan_carried": (
        "Fra {from_year} er {areas} satsningsområder og {count} tiltak videreført: {measures}. {left} fullførte eller avsluttede tiltak ble ikke tatt med.",
        "From {from_year}, {areas} focus areas and {count} measures were carried over: {measures}. {left} completed or closed measures were left behind.",
    ),
    "area_added": (
        "Satsningsområde {number} «{title}» er lagt til i handlingsplan {year}.",
        "Focus area {number} '{title}' is added to the {year} action plan.",
    ),
    "measure_added": ("Tiltak {measure} «{title}» er lagt til.", "Measure {measure} '{title}' is added."),
    "measure_owner": ("Ansvarlig: {owner}.", "Owner: {owner}."),
    "owner_unknown": (
        "(Ikke funnet som person eller organ; navnet er lagret som skrevet, og sekretariatet oppdaterer tiltaket.)",
        "(Not found as a person or body; the name is kept as written, and the secretariat updates the measure.)",
    ),
    "measure_due": ("Frist: {date}.", "Due: {date}."),
    "plan_exists": ("Handlingsplan {year} finnes allerede.", "The {year} action plan already exists."),
    "plan_owner_unknown": (
        "Fant ikke hvilket organ som skal eie planen. Koble kanalen til organet med «koble <organ>» og prøv igjen.",
        "Could not tell which body owns the plan. Link the channel to the body with 'link <body>' and try again.",
    ),
    "not_plan_editor": (
        "Bare sekretariatet eller lederen av organet som eier handlingsplanen (eller organets sekretær) kan endre den. Forsøket er registrert.",
        "Only the secretariat or the leader of the body owning the action plan (or the body's secretary) may change it. The attempt has been recorded.",
    ),
    "unknown_area": (
        "Handlingsplan {year} har ikke satsningsområde {area}. Områdene er: {known}.",
        "The {year} action plan has no focus area {area}. Its areas are: {known}.",
    ),
    "plan_needs_membership": (
        "Du er ikke registrert i noe organ eller i sekretariatet, så du har ingen handlingsplan å se.",
        "You are not registered in any body or in the secretariat, so there is no action plan for you.",
    ),
    "no_plan": (
        "Det finnes ingen handlingsplan for {year}. Planer som finnes: {known}. Start en med «ny handlingsplan {year}».",
        "There is no action plan for {year}. Plans there are: {known}. Start one with 'new plan {year}'.",
    ),
    "not_measure_owner": (
        "Bare den som er ansvarlig for tiltak {measure}, sekretariatet eller lederen eller sekretæren i organet som eier planen kan endre det. Forsøket er registrert.",
        "Only the owner of measure {measure}, the secretariat or the leader or secretary of the body owning the plan may change it. The attempt has been recorded.",
    ),
    "bad_measure_reference": (
        "«{measure}» er ikke et tiltaksnummer. Skriv det som 3.2, eller 3.2/2024 for en annen års plan.",
        "'{measure}' is not a measure number. Write it as 3.2, or 3.2/2024 for another year's plan.",
    ),
    "unknown_measure": ("Fant ikke tiltak {measure}.", "No measure {measure}."),
    "measure_unchanged": (
        "Tiltak {measure} har allerede status {status}. Legg til en kommentar for å notere fremdrift.",
        "Measure {measure} already has the status {status}. Add a comment to note progress.",
    ),
    "not_in_any_body": (
        "Du er ikke registrert i noe organ, så du kan ikke søke i vedtakene.",
        "You are not registered in any body, so you cannot search the decisions.",
    ),
    "not_an_approver": (
        "Du er ikke blant dem som godkjenner i {body}. Forsøket er registrert.",
        "You are not among the approvers in {body}. The attempt has been recorded.",
    ),
    "decision_text_missing": (
        "Skriv vedtaket etter kolon, for eksempel «vedtak SSU 12/2026: SSU slutter seg til forslaget».",
        "Write the decision after a colon, for example 'decide SSU 12/2026: SSU endorses the proposal'.",
    ),
    "no_approvers": (
        "{body} mangler medlemmer som kan godkjenne etter regelen «{policy}». Oppdater strukturfilen og importer den på nytt.",
        "{body} lacks the members who approve under its rule '{policy}'. Update the structure file and import it again.",
    ),
    "approval_round_closed": (
        "Dette er allerede godkjent eller sendt tilbake, og kan ikke endres slik.",
        "This has already been approved or returned and cannot be changed this way.",
    ),
    "decision_already_final": (
        "Vedtaket i sak {case} er endelig og kan ikke endres.",
        "The decision on case {case} is final and cannot be changed.",
    ),
    "decision_case_withdrawn": (
        "Sak {case} er trukket og kan ikke vedtas.",
        "Case {case} has been withdrawn and cannot be decided.",
    ),
    "case_dealt_with": ("Sak {case} er allerede behandlet.", "Case {case} has already been dealt with."),
    "minutes_before_meeting": (
        "Møtet {date} har ikke begynt ennå. Protokollen lages når møtet er i gang eller holdt.",
        "The meeting on {date} has not begun yet. The minutes are drafted once it has started or been held.",
    ),
    "no_meeting_held": (
        "{body} har ikke holdt noe møte ennå, og har ingen planlagte. Planlegg et med «nytt møte».",
        "{body} has not held a meeting yet, and has none planned. Plan one with 'new meeting'.",
    ),
    "minutes_of_cancelled_meeting": (
        "Møtet {date} er avlyst og får ingen protokoll.",
        "The meeting on {date} was cancelled and has no minutes.",
    ),
    "meeting_not_quorate": (
        "{body} var ikke vedtaksført: {present} av {seats} med stemmerett til stede, {required} kreves. "
        "Vedtaket er ikke registrert. Rett fremmøtet med «fremmøte» om det er feil.",
        "{body} was not quorate: {present} of {seats} with a vote present, {required} required. "
        "The decision was not recorded. Correct the attendance with 'attendance' if it is wrong.",
    ),
    "decision_before_meeting": (
        "Sak {case} står på sakslisten til møtet {date}. Vedtaket registreres på eller etter møtedagen.",
        "Case {case} is on the agenda of the meeting on {date}. Record the decision on or after the meeting day.",
    ),
    "approval_card_earlier_round": (
        "Kortet du svarte på, viste en tidligere utgave av teksten, så svaret ditt er ikke registrert. "
        "Her er teksten slik den står nå.",
        "The card you answered showed an earlier version of the text, so your answer was not recorded. "
        "Here is the text as it now stands.",
    ),
    "rejection_needs_comment": (
        "Skriv en kommentar som forklarer avvisningen, og trykk «Avvis» igjen.",
        "Write a comment that explains the rejection, and press 'Reject' again.",
    ),
    "unknown_decision": (
        "Fant ikke vedtaket. Kortet kan være utdatert.",
        "The decision was not found. The card may be out of date.",
    ),
    "unknown_card_action": (
        "Kortet ble ikke forstått. Det kan være utdatert.",
        "The card action was not understood. The card may be out of date.",
    ),
    "decision_recorded": (
        "Vedtak i sak {case} er registrert og sendt til godkjenning ({policy}) {where}.",
        "The decision on case {case} is recorded and sent for approval ({policy}) {where}.",
    ),
    "decision_recorded_circulation": (
        "Vedtak i sak {case} er registrert som sirkulasjonssak (mellom møter) og sendt til godkjenning ({policy}) {where}.",
        "The decision on case {case} is recorded as decided between meetings (by circulation) and sent for approval ({policy}) {where}.",
    ),
    # Where an approval card went: the body's channel, or, for a body not linked to one, the
    # conversation the command came from.
    "card_in_body_channel": ("i kanalen til {body}", "in {body}'s channel"),
    "card_here_unlinked": (
        "her, fordi {body} ikke er koblet til noen kanal (koble den med «koble {body}» i kanalen til {body})",
        "here, as {body} is not linked to a channel (link it with 'link {body}' in {body}'s channel)",
    ),
    "meeting_in_past": (
        "Møtetidspunktet har allerede passert. Velg et tidspunkt fram i tid.",
        "That time has already passed. Choose a time in the future.",
    ),
    "meeting_ends_before_start": (
        "Sluttidspunktet må være etter starttidspunktet.",
        "The end time must be after the start time.",
    ),
    "meeting_too_far_ahead": (
        "Møter kan planlegges høyst fem år fram i tid, det vil si senest {limit}.",
        "Meetings can be planned at most five years ahead, that is by {limit} at the latest.",
    ),
    "time_skipped_in_spring": (
        "Klokka {time} finnes ikke {date}: den natten stilles klokka fram fra 02.00 til 03.00 (sommertid). Velg et annet tidspunkt.",
        "{time} does not exist on {date}: that night the clocks go forward from 02:00 to 03:00 (summer time). Choose another time.",
    ),
    "meeting_not_moved": (
        "Møtet er allerede {when}, så ingenting er endret.",
        "The meeting is already on {when}, so nothing was changed.",
    ),
    "meeting_exists": ("{body} har allerede et møte på det tidspunktet.", "{body} already has a meeting at that time."),
    "no_meeting_on_date": ("{body} har ikke noe møte {date}.", "{body} has no meeting on {date}."),
    "no_upcoming_meeting": (
        "{body} har ingen kommende møter. Planlegg et med «nytt møte».",
        "{body} has no upcoming meetings. Plan one with 'new meeting'.",
    ),
    "meeting_not_upcoming": ("Møtet er {status} og kan ikke endres.", "The meeting is {status} and cannot be changed."),
    "case_already_scheduled": (
        "Sak {case} er allerede satt opp på et møte.",
        "Case {case} is already on a meeting's agenda.",
    ),
    "case_already_on_this_agenda": (
        "Sak {case} står allerede på denne sakslisten.",
        "Case {case} is already on this agenda.",
    ),
    "case_not_in_queue": (
        "Sak {case} er {status} og kan ikke settes opp.",
        "Case {case} is {status} and cannot be put on an agenda.",
    ),
    "case_closed": ("Sak {case} er {status} og kan ikke endres.", "Case {case} is {status} and cannot be changed."),
    "title_required": ("Saken trenger en tittel.", "The case needs a title."),
    "title_missing": ("Skriv en tittel.", "Write a title."),
    # Free text the domain refuses (governance/rules/input_limits.py); {field} is one of the field_ names.
    "text_too_long": (
        "{field} kan ha høyst {limit} tegn, men har {length}. Kort den ned og prøv igjen.",
        "{field} can have at most {limit} characters, but has {length}. Shorten it and try again.",
    ),
    "text_unstorable": (
        "Teksten inneholder et tegn som ikke kan lagres ({character}, et kontrolltegn eller en ødelagt "
        "emoji). Fjern det og prøv igjen.",
        "The text holds a character that cannot be stored ({character}, a control character or a broken "
        "emoji). Remove it and try again.",
    ),
    "field_case_title": ("Sakstittelen", "The case title"),
    "field_paper_background": ("Bakgrunnen", "The background"),
    "field_paper_assessment": ("Vurderingen", "The assessment"),
    "field_paper_proposal": ("Forslaget til vedtak", "The proposed decision"),
    "field_case_officer": ("Saksbehandleren", "The case officer"),
    # The case paper (saksfremlegg) and case search (issue 16)
    "paper_title": ("Saksfremlegg", "Case paper"),
    "paper_field_title": ("Tittel", "Title"),
    "case_officer": ("Saksbehandler", "Case officer"),
    "case_officer_placeholder": ("Navn eller e-post", "Name or email"),
    "assessment": ("Vurdering", "Assessment"),
    "proposal_placeholder": ("Ikke for orienteringssaker", "Not for information cases"),
    "referral_chain": ("Saksgang", "Referral chain"),
    "decision_heading": ("Vedtak", "Decision"),
    "paper_not_allowed": (
        "Saksfremlegget til sak {case} i {body} kan bare skrives av sekretariatet, organets leder eller sekretær, "
        "saksbehandleren og den som meldte inn saken mens den står i køen. Forsøket er registrert.",
        "The case paper of case {case} in {body} can only be written by the secretariat, the body's leader or "
        "secretary, the case officer, and whoever registered the case while it is in the queue. The attempt has "
        "been recorded.",
    ),
    "information_case_has_no_proposal": (
        "Sak {case} er en orienteringssak, og en orienteringssak har ikke forslag til vedtak. Endre typen, eller "
        "tøm forslaget i saksfremlegget.",
        "Case {case} is an information case, and an information case has no proposed decision. Change its type, "
        "or empty the proposal in the case paper.",
    ),
    "proposal_required": (
        "Skriv forslaget etter kolon, for eksempel «forslag SSU 12/2026: SSU slutter seg til rutinen».",
        "Write the proposal after a colon, for example 'proposal SSU 12/2026: SSU endorses the procedure'.",
    ),
    "unknown_case_type": (
        "«{value}» er ikke en sakstype. Bruk vedtakssak, drøftingssak eller orienteringssak.",
        "'{value}' is not a case type. Use decision, discussion or information.",
    ),
    "unknown_case_attribute": (
        "«{value}» kan ikke endres her. Skriv tittel, type eller saksbehandler og den nye verdien.",
        "'{value}' cannot be changed here. Write title, type or officer and the new value.",
    ),
    "paper_saved": (
        "Saksfremlegget til sak {case} er lagret. Endret: {fields}.",
        "The case paper of case {case} is saved. Changed: {fields}.",
    ),
    "paper_unchanged": (
        "Ingenting er endret i saksfremlegget til sak {case}.",
        "Nothing was changed in the case paper of case {case}.",
    ),
    "paper_stale": (
        "Noen andre lagret saksfremlegget til sak {case} mens du skrev, så endringene dine er ikke lagret. "
        "Kortet viser nå teksten slik den er; gjør endringene dine på nytt og lagre.",
        "Someone else saved the case paper of case {case} while you were writing, so your changes were not saved. "
        "The card now shows the text as it stands; make your changes again and save.",
    ),
    "paper_unsaved": ("Din tekst som ikke ble lagret", "Your text that was not saved"),
    "paper_unsaved_too_long": (
        "Teksten din er for lang til å vises her sammen med den lagrede; kopier den fra der du skrev den, om du kan.",
        "Your text is too long to show here beside the saved one; copy it from where you wrote it, if you can.",
    ),
    "proposal_set": ("Forslag til vedtak i sak {case} er lagret.", "The proposed decision in case {case} is saved."),
    "case_edited": (
        "Sak {case} er endret: {what} er nå «{value}».",
        "Case {case} is changed: {what} is now '{value}'.",
    ),
    "case_edit_unchanged": (
        "Sak {case} har allerede {what} «{value}». Ingenting er endret.",
        "Case {case} already has {what} '{value}'. Nothing was changed.",
    ),
    "case_search_title": ("Saker som inneholder «{words}»", "Cases containing '{words}'"),
    "case_search_none": ("Ingen saker funnet.", "No cases found."),
    "not_in_any_body_cases": (
        "Du er ikke registrert i noe organ, så du kan ikke søke i sakene.",
        "You are not registered in any body, so you cannot search the cases.",
    ),
    "what_case_attribute": (
        "hva som skal endres (tittel, type eller saksbehandler) og den nye verdien",
        "what to change (title, type or officer) and the new value",
    ),
    "what_proposal": ("forslaget etter kolon", "the proposal after a colon"),
    "edited_title": ("tittelen", "the title"),
    "edited_type": ("typen", "the type"),
    "edited_officer": ("saksbehandleren", "the case officer"),
    "field_decision_text": ("Vedtaksteksten", "The decision text"),
    "field_delegated_matter": ("Saken det gis myndighet til", "The matter authority is given for"),
    "field_approval_comment": ("Kommentaren", "The comment"),
    "field_minutes_correction": ("Rettelsen", "The correction"),
    "field_place": ("Møtestedet", "The meeting place"),
    "field_area_title": ("Tittelen på satsningsområdet", "The focus area's title"),
    "field_measure_title": ("Tittelen på tiltaket", "The measure's title"),
    "field_measure_owner": ("Navnet på ansvarlig", "The owner's name"),
    "field_measure_comment": ("Kommentaren", "The comment"),
    "field_disqualification_reason": ("Grunnen", "The reason"),
    "field_minutes_statement": ("Protokolltilførselen", "The statement"),
    "body_not_linked": (
        "{body} er ikke koblet til noen kanal. Skriv «koble {body}» i kanalen der sakslisten skal publiseres.",
        "{body} is not linked to a channel. Write 'link {body}' in the channel where the agenda should be posted.",
    ),
    "no_conversation": ("Denne samtalen kan ikke kobles.", "This conversation cannot be linked."),
    "structure_invalid": ("Strukturfilen er ugyldig: {details}", "The structure file is invalid: {details}"),
    # Errors from the parser
    "unknown_command": (
        "Jeg kjenner ikke kommandoen «{command}». Skriv «hjelp» for å se hva jeg kan.",
        "I don't know the command '{command}'. Write 'help' to see what I can do.",
    ),
    "unknown_command_suggest": (
        "Jeg kjenner ikke kommandoen «{command}». Mente du {suggestions}? Skriv «hjelp» for å se alle.",
        "I don't know the command '{command}'. Did you mean {suggestions}? Write 'help' to see them all.",
    ),
    "not_a_command": (
        "Jeg forstår kommandoer, ikke vanlige setninger. Skriv «hjelp» for å se hva jeg kan, og «hjelp <kommando>» for å lære én.",
        "I understand commands, not sentences. Write 'help' to see what I can do, and 'help <command>' to learn one.",
    ),
    "quoted": ("«{text}»", "'{text}'"),
    "or": ("eller", "or"),
    "empty_command": ("Skriv en kommando, for eksempel «hjelp».", "Write a command, for example 'help'."),
    "bad_date": (
        "Ugyldig dato «{value}». Bruk dd.mm.åååå eller åååå-mm-dd.",
        "Invalid date '{value}'. Use dd.mm.yyyy or yyyy-mm-dd.",
    ),
    "date_out_of_range": (
        "Datoen «{value}» er utenfor det jeg kan håndtere: året må være mellom {first} og {last}.",
        "The date '{value}' is out of range: the year must be between {first} and {last}.",
    ),
    "bad_time": (
        "Ugyldig klokkeslett «{value}». Bruk tt:mm, for eksempel 09:00-12:00.",
        "Invalid time '{value}'. Use hh:mm, for example 09:00-12:00.",
    ),
    "bad_vote": (
        "Jeg forstod ikke voteringen «{value}». Skriv «enstemmig», «<for> mot <mot> [<n> blanke] [(navn, navn)]», «orientering» eller «utsatt».",
        "I did not understand the vote '{value}'. Write 'unanimous', '<for> against <against> [<n> blank] [(name, name)]', 'noted' or 'postponed'.",
    ),
    "bad_case_number": (
        "Ugyldig saksnummer «{value}». Bruk nr/år, for eksempel 12/2026.",
        "Invalid case number '{value}'. Use number/year, for example 12/2026.",
    ),
    "missing_argument": ("Det mangler {what}.", "Missing {what}."),
    "unexpected_argument": ("Jeg forstod ikke «{value}».", "I did not understand '{value}'."),
    "unknown_measure_status": (
        "«{value}» er ikke en status. Bruk ikke startet, pågående, fullført, utsatt eller avsluttet.",
        "'{value}' is not a status. Use not started, in progress, completed, postponed or closed.",
    ),
    "bad_year": ("«{value}» er ikke et årstall.", "'{value}' is not a year."),
    "year_out_of_range": (
        "Året {value} er utenfor det jeg kan håndtere: det må være mellom {first} og {last}.",
        "The year {value} is out of range: it must be between {first} and {last}.",
    ),
    "usage": ("Bruk: {usage}", "Usage: {usage}"),
    # Failures of the surroundings
    "identity_number_refused": (
        "Meldingen ser ut til å inneholde et fødselsnummer eller D-nummer. Den er ikke lagret. "
        "Skriv saken uten personopplysninger – denne tjenesten skal ikke inneholde pasientdata.",
        "The message appears to contain a Norwegian identity number. It was not stored. "
        "Please write it without personal data – this service must not hold patient data.",
    ),
    "conflict": (
        "Noen andre endret det samme akkurat nå. Ingenting er endret; prøv igjen.",
        "Someone else changed the same thing just now. Nothing was changed; please try again.",
    ),
    "unavailable": (
        "Jeg får ikke kontakt med databasen akkurat nå. Ingenting er endret; prøv igjen om litt.",
        "I cannot reach the database right now. Nothing was changed; please try again shortly.",
    ),
    "reply_too_large": (
        "Svaret er for stort til at Teams tar imot det, selv delt opp. Be om en mindre del, "
        "for eksempel saker for ett organ eller ett møte om gangen.",
        "The answer is too large for Teams to accept, even split up. Ask for a smaller part, "
        "for example the cases of one body or one meeting at a time.",
    ),
    "internal_error": (
        "Beklager, noe gikk galt. Feilen er logget (referanse {ref}).",
        "Sorry, something went wrong. The error has been logged (reference {ref}).",
    ),
    # Confirmations
    "meeting_planned": ("Møte i {body} planlagt {when}{place}.", "Meeting of {body} planned for {when}{place}."),
    "meeting_moved": (
        "Møtet i {body} er flyttet fra {old} til {when}.",
        "The meeting of {body} moved from {old} to {when}.",
    ),
    "meeting_on_holiday": (
        "Merk: {date} er {names}, en offentlig fridag.",
        "Note: {date} is {names}, a public holiday.",
    ),
    "meeting_on_weekend": ("Merk: møtet er på en {weekday}.", "Note: the meeting is on a {weekday}."),
    "meeting_in_repeated_hour": (
        "Merk: natt til {date} stilles klokka tilbake fra 03.00 til 02.00, så klokkeslettene mellom 02.00 og 03.00 kommer to ganger. Møtet er lagt til den første gangen, på sommertid.",
        "Note: in the night to {date} the clocks go back from 03:00 to 02:00, so the times between 02:00 and 03:00 occur twice. The meeting is set at the first, in summer time.",
    ),
    "meeting_cancelled": ("Møtet i {body} {when} er avlyst.", "The meeting of {body} on {when} is cancelled."),
    "cases_returned": ("Sakene {cases} er tilbake i køen.", "Cases {cases} are back in the queue."),
    "case_registered": (
        "Sak {case} «{title}» er registrert i {body}.",
        "Case {case} '{title}' is registered in {body}.",
    ),
    "case_scheduled": ("Sak {case} er satt opp på møtet {when}.", "Case {case} is on the agenda for {when}."),
    "case_moved_from": ("Den er flyttet fra møtet {when}.", "It was moved from the meeting on {when}."),
    "case_postponed": ("Sak {case} er utsatt og ligger i køen.", "Case {case} is postponed and back in the queue."),
    "case_withdrawn": ("Sak {case} er trukket.", "Case {case} is withdrawn."),
    "linked": (
        "Denne samtalen er nå koblet til {body} ({name}).",
        "This conversation is now linked to {body} ({name}).",
    ),
    "agenda_published": (
        "Sakslisten for {when} legges ut i kanalen til {body} nå.",
        "The agenda for {when} is being posted in {body}'s channel now.",
    ),
    "agenda_republished": (
        "Endret saksliste for {when} legges ut i kanalen til {body} nå.",
        "The changed agenda for {when} is being posted in {body}'s channel now.",
    ),
    "agenda_unchanged": (
        "Sakslisten for {when} er uendret siden den ble publisert; ingenting nytt er postet. "
        "Skriv «publiser saksliste på nytt» for å legge den ut igjen.",
        "The agenda for {when} is unchanged since it was posted; nothing new was posted. "
        "Write 'publish agenda again' to post it once more.",
    ),
    "welcome": (
        "Hei! Jeg holder orden på møter, saker og sakslister i helsefellesskapet. Skriv «hjelp» for å komme i gang.",
        "Hi! I keep the meetings, cases and agendas of the helsefellesskap. Write 'help' to get started.",
    ),
    "welcome_team": (
        "Hei! Jeg holder orden på møter, saker og sakslister i helsefellesskapet. Sekretariatet kobler kanalen til organet sitt "
        "med «koble <organ>», for eksempel «koble SSU»; da kan organet utelates i kommandoene her. Skriv «hjelp» for å komme i gang.",
        "Hi! I keep the meetings, cases and agendas of the helsefellesskap. The secretariat links this channel to its body "
        "with 'link <body>', for example 'link SSU'; the body can then be left out of commands here. Write 'help' to get started.",
    ),
    # The console (`hfbot chat`): its own lines around the bot's replies
    "console_chatting_as": (
        "Du skriver som {name} ({email}). «hjelp» viser bottens kommandoer, «/hjelp» konsollens egne (trykke knapper, bytte person); «avslutt» eller Ctrl-D avslutter.",
        "You are writing as {name} ({email}). 'help' lists the bot's commands, '/help' the console's own (pressing buttons, switching person); 'quit' or Ctrl-D ends.",
    ),
    "console_switched": ("Du skriver nå som {name} ({email}).", "You are now writing as {name} ({email})."),
    "console_local_identity": (
        "{name} har ingen Entra-objekt-id. Konsollen har gitt personen den lokale identiteten {id}, så rettigheter og godkjenninger følger {name} også her; «medlemmer synk» i Teams bytter den ut med den ekte.",
        "{name} has no Entra object id. The console has given them the local identity {id}, so rights and approvals follow {name} here too; 'members sync' in Teams replaces it with the real one.",
    ),
    "console_unknown_person": (
        "Fant ingen person med e-postadressen «{email}». Du kan skrive som:\n{people}",
        "No person has the email address '{email}'. You can write as:\n{people}",
    ),
    "console_choose_person": (
        "Oppgi hvem du skriver som med --as E-POST (i konsollen: /som E-POST). Du kan skrive som:\n{people}",
        "Say whom you write as with --as EMAIL (in the console: /as EMAIL). You can write as:\n{people}",
    ),
    "console_no_people": (
        "Ingen personer er importert ennå. Importer en struktur (hfbot import FIL, se examples/) eller prøv hfbot chat --demo.",
        "No people are imported yet. Import a structure (hfbot import FILE, see examples/) or try hfbot chat --demo.",
    ),
    "console_help": (
        "Konsollens egne kommandoer (alt annet går til boten):\n"
        "  <nummer>          trykker knappen med det nummeret på et kort; konsollen spør etter feltene (Enter beholder det som står)\n"
        "  /knapper          viser knappene på kortene som fortsatt gjelder\n"
        "  /som <e-post>     skriver som en annen person (uten e-post: hvem du kan skrive som)\n"
        "  /hjelp            denne hjelpen\n"
        "  avslutt, Ctrl-D   avslutter\n"
        "Pil opp og ned henter tidligere linjer.",
        "The console's own commands (everything else goes to the bot):\n"
        "  <number>          presses the button with that number on a card; the console asks for its fields (Enter keeps what is there)\n"
        "  /buttons          lists the buttons on the cards that still stand\n"
        "  /as <email>       writes as another person (without an email: whom you can write as)\n"
        "  /help             this help\n"
        "  quit, Ctrl-D      ends\n"
        "Up and down arrows bring back earlier lines.",
    ),
    "console_unknown_command": (
        "Ukjent konsollkommando «{command}». Skriv «/hjelp».",
        "Unknown console command '{command}'. Write '/help'.",
    ),
    "console_posted": ("[lagt ut i kanalen]", "[posted to the channel]"),
    "console_updated": ("[kortet i kanalen er oppdatert]", "[the card in the channel was updated]"),
    "console_buttons": ("Knapper (skriv nummeret for å trykke):", "Buttons (write the number to press):"),
    "console_no_buttons": ("Ingen kort med knapper ennå.", "No cards with buttons yet."),
    "console_unknown_button": (
        "Det er ingen knapp {number}. Skriv «/knapper» for å se knappene.",
        "There is no button {number}. Write '/buttons' to see the buttons.",
    ),
    "console_pressing": ("Trykker «{title}».", "Pressing '{title}'."),
    "console_keep": ("Enter beholder «{value}»", "Enter keeps '{value}'"),
    "console_empty": ("Enter: tomt", "Enter: empty"),
    "console_pick": ("velg 1–{count}", "choose 1–{count}"),
    "console_yes_no": ("j/n", "y/n"),
    "console_invalid_choice": (
        "Skriv et tall fra 1 til {count}, eller Enter.",
        "Write a number from 1 to {count}, or Enter.",
    ),
    "console_press_cancelled": ("Avbrutt; ingenting er sendt.", "Cancelled; nothing was sent."),
    # Card labels
    "agenda": ("Saksliste", "Agenda"),
    "agenda_changed": ("Endret saksliste", "Changed agenda"),
    "notice": ("Innkalling", "Notice of meeting"),
    "case_paper_subject": ("Saksframlegg", "Case paper"),
    "decision_subject": ("Vedtak", "Decision"),
    "minutes_subject": ("Protokoll", "Minutes"),
    "notice_button": ("Innkalling (Word og PDF)", "Notice (Word and PDF)"),
    "notice_missing_proposals": (
        "Mangler forslag til vedtak: sak {cases}.",
        "No proposed decision yet: case {cases}.",
    ),
    "notice_downloads_in_teams": (
        "Innkallingen kan lastes ned som Word og PDF når boten kjører i Teams.",
        "The notice can be downloaded as Word and PDF when the bot runs in Teams.",
    ),
    "notice_title": ("Innkalling til møte i {name} ({body})", "Notice of meeting: {name} ({body})"),
    "place": ("Sted", "Place"),
    "status": ("Status", "Status"),
    "responsible": ("Ansvarlig", "Responsible"),
    "submitted": ("Innmeldt", "Submitted"),
    "submitted_by": ("Innmeldt av", "Submitted by"),
    "type": ("Type", "Type"),
    "meeting": ("Møte", "Meeting"),
    "background": ("Bakgrunn", "Background"),
    "show_paper": ("Vis saksfremlegg", "Show case paper"),
    "proposal": ("Forslag til vedtak", "Proposed decision"),
    "case": ("Sak", "Case"),
    "cases": ("Saker", "Cases"),
    "queue": ("I kø", "In the queue"),
    "scheduled": ("Satt opp", "Scheduled"),
    "none": ("Ingen", "None"),
    "meetings": ("Kommende møter", "Upcoming meetings"),
    "no_meetings": ("Ingen kommende møter.", "No upcoming meetings."),
    "cases_on_agenda": ("{count} saker", "{count} cases"),
    "case_on_agenda": ("1 sak", "1 case"),
    "bodies": ("Organer", "Bodies"),
    "level": ("Nivå {level}", "Level {level}"),
    "parent": ("under {parent}", "under {parent}"),
    "next_meeting": ("Neste møte", "Next meeting"),
    "no_next_meeting": ("ingen planlagt", "none planned"),
    "linked_channel": ("koblet til kanal", "linked to a channel"),
    "approval": ("vedtak godkjennes av", "decisions approved by"),
    # Decisions and their approval card
    "decision_pending": ("Vedtak til godkjenning", "Decision awaiting approval"),
    "decision_returned": ("Vedtak avvist – tilbake til utkast", "Decision rejected – back to draft"),
    "decision_final": ("Vedtatt", "Decision final"),
    "decision_text": ("Vedtak", "Decision"),
    "decision_rejected_by": (
        "Avvist av {name}: «{comment}». Sekretariatet kan registrere en ny ordlyd med «vedtak».",
        "Rejected by {name}: '{comment}'. The secretariat can record a new wording with 'decide'.",
    ),
    "body": ("Organ", "Body"),
    "approval_rule": ("Godkjennes av", "Approved by"),
    "recorded_by": ("Registrert av", "Recorded by"),
    "round": ("Runde", "Round"),
    "final_at": ("Endelig", "Final"),
    "circulation": ("Sirkulasjonssak (vedtak mellom møter)", "Decided between meetings (by circulation)"),
    "approvers": ("Godkjennere", "Approvers"),
    "circulation_short": ("sirkulasjonssak", "between meetings"),
    "referred_from": ("Sendt fra", "Referred from"),
    "delegated_authority": ("Delegert myndighet", "Delegated authority"),
    "delegation_granted_by": ("{matter} (gitt av {body} i sak {case})", "{matter} (given by {body} in case {case})"),
    "referred_to": ("Sendt til", "Referred to"),
    "case_referred": (
        "Sak {case} i {body} er sendt til {target} og har fått nummer {new_case} der.",
        "Case {case} in {body} has been referred to {target} as case {new_case}.",
    ),
    "decision_register_title": ("Vedtak – {scope}", "Decisions – {scope}"),
    "decision_search_title": ("Vedtak som inneholder «{scope}»", "Decisions containing '{scope}'"),
    "no_decisions": ("Ingen vedtak er registrert.", "No decisions recorded."),
    "no_decisions_found": ("Fant ingen vedtak.", "No decisions found."),
    "more_matches": (
        "… og {count} til. Søk med flere ord for å snevre inn.",
        "… and {count} more. Add words to narrow the search.",
    ),
    "awaiting": ("venter", "waiting"),
    "approve": ("Godkjenn", "Approve"),
    "reject": ("Avvis", "Reject"),
    "comment_label": ("Kommentar", "Comment"),
    "comment_placeholder": ("Må fylles ut ved avvisning", "Required when rejecting"),
    "members": ("Medlemmer", "Members"),
    "no_members": ("Ingen registrerte medlemmer.", "No registered members."),
    "help": ("Hjelp", "Help"),
    "help_intro": (
        "Skriv en kommando. I en kanal som er koblet til et organ kan du utelate [organ]. Datoer: dd.mm.åååå, saksnummer: 12/2026.",
        "Write a command. In a channel linked to a body you may leave out [body]. Dates: dd.mm.yyyy, case numbers: 12/2026.",
    ),
    "help_more": ("Skriv «hjelp <kommando>» for detaljer.", "Write 'help <command>' for details."),
    "also": ("Også", "Also"),
    "example": ("Eksempel", "Example"),
    "no_items": ("Ingen saker er satt opp ennå.", "No cases on the agenda yet."),
    "truncated": (
        "… og {count} til. Vis én med «sak <nr>/<år>».",
        "… and {count} more. Show one with 'case <no>/<year>'.",
    ),
    "time_span": ("{start}–{end}", "{start}–{end}"),
    "what_date": ("dato", "a date"),
    "what_time": ("klokkeslett", "a time"),
    "what_case": ("saksnummer", "a case number"),
    "what_title": ("tittel", "a title"),
    "what_body": ("organ", "a body"),
    "what_target_date": ("ny dato etter «til»", "a new date after 'to'"),
    "what_decision_text": ("vedtakstekst etter kolon", "the decision text after a colon"),
    "what_vote": (
        "voteringen: «enstemmig», «<for> mot <mot> [<n> blanke] [(navn, navn)]», «orientering» eller «utsatt»",
        "the vote: 'unanimous', '<for> against <against> [<n> blank] [(name, name)]', 'noted' or 'postponed'",
    ),
    "what_statement": ("navnet og teksten: «<navn>: <tekst>»", "the name and the text: '<name>: <text>'"),
    "what_search_words": ("søkeord", "words to search for"),
    "what_correction": ("rettelse etter kolon", "the correction after a colon"),
    "what_year": ("årstall", "a year"),
    "what_area": (
        "satsningsområdets nummer og kolon (for eksempel «3: Tittel»)",
        "the focus area's number and a colon (for example '3: Title')",
    ),
    "what_measure": ("tiltaksnummer (for eksempel 3.2)", "a measure number (for example 3.2)"),
    # The year's meetings (møteplan), held meetings registered afterwards, change notices, substitutes
    "meeting_in_past_use_held": (
        "Møtetidspunktet har allerede passert. Var møtet holdt uten å være registrert, skriv «avholdt» til slutt, for eksempel «nytt møte SSU 12.03.2026 09:00 avholdt».",
        "That time has already passed. If the meeting was held without being registered, add 'held' at the end, for example 'new meeting SSU 12.03.2026 09:00 held'.",
    ),
    "held_meeting_in_future": (
        "Et møte som er avholdt, må ha et tidspunkt som har passert. Planlegg kommende møter uten «avholdt».",
        "A meeting that was held must be at a time that has passed. Plan coming meetings without 'held'.",
    ),
    "meeting_registered_held": (
        "Møtet i {body} {when} er registrert som avholdt, uten påminnelser eller invitasjoner. Nå kan det føres fremmøte og protokoll for det.",
        "The meeting of {body} on {when} is registered as held, with no reminders or invitations. Its attendance and minutes can now be recorded.",
    ),
    "no_meetings_per_year": (
        "{body} har ikke oppgitt hvor mange møter organet har i året. Sett «meetings_per_year» for organet i strukturfilen og importer den på nytt, eller planlegg møtene ett og ett med «nytt møte».",
        "{body} has no number of meetings a year. Set 'meetings_per_year' for the body in the structure file and import it again, or plan the meetings one by one with 'new meeting'.",
    ),
    "meeting_plan_year_past": (
        "Året {year} er over; velg dette året eller et senere.",
        "The year {year} is over; choose this year or a later one.",
    ),
    "meeting_plan_title": ("Møteplan {body} {year}", "Meeting plan {body} {year}"),
    "meeting_plan_intro": (
        "{body} har {per_year} møter i året. Forslaget legger møtene jevnt utover året på arbeidsdager (ikke helg, helligdag, juli eller romjul) kl. {time}, som organet pleier. Juster dato og tid, kryss av for møter som skal utgå, og bekreft.",
        "{body} has {per_year} meetings a year. The proposal spreads them evenly over the year on working days (no weekend, public holiday, July or Christmas week) at {time}, as the body usually meets. Adjust date and time, tick the meetings to leave out, and confirm.",
    ),
    "meeting_plan_already": ("Allerede planlagt i {year}: {dates}.", "Already planned in {year}: {dates}."),
    "meeting_plan_full": (
        "{body} har allerede {count} møter i {year}, så det er ingen flere å foreslå.",
        "{body} already has {count} meetings in {year}, so there are none left to propose.",
    ),
    "meeting_plan_none_left": (
        "Det er ingen arbeidsdager igjen i {year} å foreslå møter på.",
        "There are no working days left in {year} to propose meetings on.",
    ),
    "meeting_plan_date_past": (
        "{date} har allerede vært. Velg en senere dato på kortet, eller kryss av for at møtet utgår.",
        "{date} has already passed. Choose a later date on the card, or tick to leave the meeting out.",
    ),
    "meeting_plan_meeting": ("Møte {number}", "Meeting {number}"),
    "meeting_plan_leave_out": ("Møte {number} utgår", "Leave out meeting {number}"),
    "meeting_plan_time": ("Møte {number}: klokkeslett", "Meeting {number}: time"),
    "meeting_plan_confirm": ("Planlegg møtene", "Plan the meetings"),
    "meeting_plan_planned": ("{count} møter i {body} er planlagt:", "{count} meetings of {body} are planned:"),
    "meeting_plan_nothing": (
        "Ingen nye møter: de var allerede planlagt, eller alle var krysset av for å utgå.",
        "No new meetings: they were planned already, or all were ticked to leave out.",
    ),
    "meeting_plan_already_there": (
        "{count} av møtene var planlagt fra før og er ikke planlagt på nytt.",
        "{count} of the meetings were planned before and are not planned again.",
    ),
    "meeting_plan_bad_input": (
        "Møte {number} mangler gyldig dato eller klokkeslett (dato som 2027-03-12, tid som 09:00).",
        "Meeting {number} lacks a valid date or time (a date like 2027-03-12, a time like 09:00).",
    ),
    "year_wheel_title": ("Årshjul {year}", "Meetings of {year}"),
    "year_wheel_empty": ("Ingen møter i {year}.", "No meetings in {year}."),
    "change_moved": (
        "Endring: møtet i {body} er flyttet fra {old} til {when}.",
        "Change: the {body} meeting is moved from {old} to {when}.",
    ),
    "change_cancelled": (
        "Endring: møtet i {body} {when} er avlyst.",
        "Change: the {body} meeting on {when} is cancelled.",
    ),
    "change_case_added": (
        "Endring i sakslisten til møtet i {body} {when}: sak {case} er satt opp.",
        "Change to the agenda of the {body} meeting on {when}: case {case} is added.",
    ),
    "change_case_postponed": (
        "Endring i sakslisten til møtet i {body} {when}: sak {case} er utsatt.",
        "Change to the agenda of the {body} meeting on {when}: case {case} is postponed.",
    ),
    "change_case_withdrawn": (
        "Endring i sakslisten til møtet i {body} {when}: sak {case} er trukket.",
        "Change to the agenda of the {body} meeting on {when}: case {case} is withdrawn.",
    ),
    "substitute_called_message": (
        "Du er innkalt som vara for {member} til møtet i {body} {when}{place}. Innkallingen med sakspapirene får du med knappen under.",
        "You are called in as substitute for {member} to the {body} meeting on {when}{place}. The button below gives you the notice with the case papers.",
    ),
    "substitute_called": (
        "{substitute} er innkalt som vara for {member} til møtet i {body} {when}.",
        "{substitute} is called in as substitute for {member} to the {body} meeting on {when}.",
    ),
    "substitute_messaged": (
        "{substitute} har fått en personlig melding.",
        "{substitute} has been sent a personal message.",
    ),
    "substitute_not_messaged": (
        "{substitute} har ingen chat med boten og må få beskjed på annen måte.",
        "{substitute} has no chat with the bot and must be told some other way.",
    ),
    "not_a_substitute": (
        "{name} er ikke vara i {body}. Varaer: {known}.",
        "{name} is not a substitute in {body}. Substitutes: {known}.",
    ),
    "no_apologies": (
        "Ingen har meldt forfall til møtet i {body} {when}, så det er ingen å kalle inn vara for.",
        "Nobody has sent apologies for the {body} meeting on {when}, so there is nobody to call a substitute in for.",
    ),
    "apologies_all_covered": (
        "Alle som har meldt forfall til møtet i {body} {when}, har allerede fått vara innkalt.",
        "Everyone who sent apologies for the {body} meeting on {when} already has a substitute called in.",
    ),
    "substitute_already_called": (
        "{name} er allerede innkalt til møtet i {body} {when}.",
        "{name} is already called in to the {body} meeting on {when}.",
    ),
    "called_in_for": ("innkalt for {name}", "called in for {name}"),
    "what_substitute": ("navnet på varaen", "the substitute's name"),
    "what_measure_status": (
        "status (ikke startet, pågående, fullført, utsatt eller avsluttet)",
        "a status (not started, in progress, completed, postponed or closed)",
    ),
    # Documents (vedlegg) of a case
    "documents": ("Vedlegg", "Documents"),
    "documents_title": ("Vedlegg til sak {case} – {title}", "Documents of case {case} – {title}"),
    "documents_none": (
        "Ingen vedlegg ennå. Send filen til boten i en personlig chat med «vedlegg {body} {case}», eller skriv en SharePoint- eller OneDrive-lenke etter saksnummeret.",
        "No documents yet. Send the file to the bot in a personal chat with 'attach {body} {case}', or write a SharePoint or OneDrive link after the case number.",
    ),
    "documents_how_to_remove": (
        "Fjern et vedlegg med «fjern vedlegg {body} {case} <nr>».",
        "Remove a document with 'detach {body} {case} <no>'.",
    ),
    "document_download": ("Last ned", "Download"),
    "document_open_link": ("Åpne", "Open"),
    "document_link": ("lenke", "link"),
    "document_attached": (
        "Vedlegg {number} til sak {case} er lagret: {title}.",
        "Document {number} of case {case} is stored: {title}.",
    ),
    "document_link_attached": (
        "Lenke {number} til sak {case} er lagret: {title}.",
        "Link {number} of case {case} is stored: {title}.",
    ),
    "document_removed": (
        "Vedlegg {number} ({title}) er fjernet fra sak {case}.",
        "Document {number} ({title}) is removed from case {case}.",
    ),
    "document_too_large": (
        "Filen er større enn {limit} MB, som er grensen for et vedlegg. Den er ikke lagret.",
        "The file is larger than {limit} MB, the limit for a document. It was not stored.",
    ),
    "document_type_refused": (
        "Denne filtypen tas ikke imot. Vedlegg kan være {types}, inntil {limit} MB; typen leses fra innholdet, ikke fra navnet.",
        "This type of file is not accepted. Documents may be {types}, up to {limit} MB; the type is read from the content, not the name.",
    ),
    "document_identity_number": (
        "Filen inneholder et fødselsnummer eller D-nummer og er ikke lagret. Saker skal ikke ha personopplysninger om pasienter; fjern nummeret og send filen på nytt.",
        "The file contains a Norwegian identity number and was not stored. Cases must hold no personal data about patients; remove the number and send the file again.",
    ),
    "document_unreadable": (
        "Filen ser ut som {type}, men kan ikke leses, og er ikke lagret.",
        "The file looks like {type} but cannot be read, and was not stored.",
    ),
    "document_read_too_long": (
        "Det tok for lang tid å lese filen, så den er ikke lagret.",
        "Reading the file took too long, so it was not stored.",
    ),
    "document_download_failed": (
        "Fikk ikke hentet filen fra Teams. Prøv å sende den på nytt.",
        "Could not fetch the file from Teams. Please send it again.",
    ),
    "document_download_refused": (
        "Filer hentes bare over https fra {hosts}.",
        "Files are fetched only over https from {hosts}.",
    ),
    "document_host_refused": (
        "{host} er ikke blant stedene vedlegg kan hentes eller lenkes fra ({hosts}).",
        "{host} is not among the places documents may be fetched or linked from ({hosts}).",
    ),
    "document_link_invalid": (
        "En lenke til et vedlegg må være en https-adresse på høyst 2000 tegn.",
        "A link to a document must be an https address of at most 2,000 characters.",
    ),
    "document_title_required": ("Vedlegget mangler navn.", "The document has no name."),
    "document_already_removed": ("Vedlegg {number} er allerede fjernet.", "Document {number} is already removed."),
    "unknown_document": ("Sak {case} har ikke noe vedlegg {number}.", "Case {case} has no document {number}."),
    "what_document_number": ("vedleggets nummer", "the document's number"),
    "document_number_invalid": ("«{value}» er ikke et vedleggsnummer.", "'{value}' is not a document number."),
    # Public access (offentleglova): exemptions, public titles and the public versions
    "not_allowed_secretariat": (
        "Du har ikke rettigheter til dette i {body}. Det krever sekretariatet eller organets sekretær.",
        "You are not allowed to do this in {body}. It takes the secretariat or the body's secretary.",
    ),
    "unknown_legal_basis": (
        "«{basis}» er ikke en hjemmel for unntak. Velg en av disse (eller kortformen i parentes): {bases}.",
        "'{basis}' is not a legal basis for exemption. Choose one of these (or the short form in brackets): {bases}.",
    ),
    "exemption_unchanged": (
        "Sak {case} er allerede unntatt offentlighet etter {basis}.",
        "Case {case} is already exempt from public access under {basis}.",
    ),
    "case_not_exempt": ("Sak {case} er ikke unntatt offentlighet.", "Case {case} is not exempt from public access."),
    "document_exemption_unchanged": (
        "Vedlegg {number} er allerede unntatt offentlighet etter {basis}.",
        "Document {number} is already exempt from public access under {basis}.",
    ),
    "document_not_exempt": (
        "Vedlegg {number} er ikke unntatt offentlighet.",
        "Document {number} is not exempt from public access.",
    ),
    "public_title_needs_exemption": (
        "Sak {case} er offentlig, så tittelen er den offentlige tittelen. Unnta saken først (unnta {case} <hjemmel>).",
        "Case {case} is public, so its title is the public title. Exempt the case first (exempt {case} <basis>).",
    ),
    "public_title_required": ("Skriv den offentlige tittelen etter kolon.", "Write the public title after the colon."),
    "public_title_too_long": (
        "Den offentlige tittelen kan være høyst {limit} tegn.",
        "The public title can be at most {limit} characters.",
    ),
    "case_exempted": (
        "Sak {case} er unntatt offentlighet etter {basis}. Offentlig tittel: {title}.",
        "Case {case} is exempt from public access under {basis}. Public title: {title}.",
    ),
    "case_exemption_lifted": ("Sak {case} er offentlig igjen.", "Case {case} is public again."),
    "public_title_set": ("Offentlig tittel på sak {case}: {title}", "Public title of case {case}: {title}"),
    "document_exempted": (
        "Vedlegg {number} i sak {case} er unntatt offentlighet etter {basis}.",
        "Document {number} of case {case} is exempt from public access under {basis}.",
    ),
    "document_exemption_lifted": (
        "Vedlegg {number} i sak {case} er offentlig igjen.",
        "Document {number} of case {case} is public again.",
    ),
    "what_legal_basis": ("hjemmelen for unntaket", "the legal basis of the exemption"),
    "what_public_title": ("den offentlige tittelen etter kolon", "the public title after a colon"),
    "public_access": ("Unntatt offentlighet", "Exempt from public access"),
    "public_title": ("Offentlig tittel", "Public title"),
    "exempt_title": ("Unntatt offentlighet", "Exempt from public access"),
    "exempt_basis": ("unntatt offentlighet, {basis}", "exempt from public access, {basis}"),
    "exempt_untitled": ("Unntatt offentlighet, {basis}", "Exempt from public access, {basis}"),
    "exempt_line": ("Unntatt offentlighet etter {basis}.", "Exempt from public access under {basis}."),
    "exempt_minutes_item": (
        "Saken er unntatt offentlighet. Saksdokumenter, behandling og vedtak er ikke med i den offentlige versjonen.",
        "The case is exempt from public access. Its papers, proceedings and decision are not in the public version.",
    ),
    "public_version": (
        "Offentlig versjon. Saker unntatt offentlighet er vist med nummer, offentlig tittel og hjemmel.",
        "Public version. Cases exempt from public access are shown by number, public title and legal basis.",
    ),
    "download_public_docx": ("Last ned offentlig versjon (Word)", "Download public version (Word)"),
    "download_public_pdf": ("Last ned offentlig versjon (PDF)", "Download public version (PDF)"),
}

# One mapping per enum: the same Norwegian word means different things in different enums (a
# decision that is "vedtatt" is final, a plan that is "vedtatt" is adopted), so a label is looked
# up by the enum it belongs to, never by its value alone.
ENUM_TEXTS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    StandardItem: {
        StandardItem.APPROVE_NOTICE: ("Godkjenning av innkalling og saksliste", "Approval of the notice and agenda"),
        StandardItem.APPROVE_MINUTES: ("Godkjenning av protokoll fra forrige møte", "Approval of the minutes of the previous meeting"),
        StandardItem.PLAN_STATUS: ("Status handlingsplan", "Action plan status"),
        StandardItem.ANY_OTHER_BUSINESS: ("Eventuelt", "Any other business"),
    },
    ReminderKind: {
        ReminderKind.CASE_DEADLINE: ("Frist for saker", "Case deadline"),
        ReminderKind.AGENDA: ("Saksliste", "Agenda"),
        ReminderKind.MEETING_EVE: ("Dagen før møtet", "The day before the meeting"),
        ReminderKind.APPROVAL: ("Godkjenning som venter", "Approval waiting"),
        ReminderKind.MEASURE_DUE: ("Tiltak med frist", "Measure due"),
        ReminderKind.OVERDUE_DIGEST: ("Forfalte tiltak", "Overdue measures"),
    },
    CaseType: {
        CaseType.VEDTAKSSAK: ("Vedtakssak", "For decision"),
        CaseType.DROFTINGSSAK: ("Drøftingssak", "For discussion"),
        CaseType.ORIENTERINGSSAK: ("Orienteringssak", "For information"),
    },
    CaseStatus: {
        CaseStatus.INNMELDT: ("Innmeldt", "Submitted"),
        CaseStatus.SATT_OPP: ("Satt opp", "Scheduled"),
        CaseStatus.BEHANDLET: ("Behandlet", "Dealt with"),
        CaseStatus.UTSATT: ("Utsatt", "Postponed"),
        CaseStatus.TRUKKET: ("Trukket", "Withdrawn"),
    },
    MeetingStatus: {
        MeetingStatus.PLANLAGT: ("Planlagt", "Planned"),
        MeetingStatus.INNKALT: ("Innkalt", "Called"),
        MeetingStatus.AVHOLDT: ("Avholdt", "Held"),
        MeetingStatus.AVLYST: ("Avlyst", "Cancelled"),
    },
    Role: {
        Role.LEDER: ("Leder", "Chair"),
        Role.NESTLEDER: ("Nestleder", "Deputy chair"),
        Role.MEDLEM: ("Medlem", "Member"),
        Role.VARA: ("Vara", "Substitute"),
        Role.SEKRETAER: ("Sekretær", "Secretary"),
        Role.OBSERVATOR: ("Observatør", "Observer"),
    },
    AttendanceStatus: {
        AttendanceStatus.TIL_STEDE: ("Til stede", "Present"),
        AttendanceStatus.FORFALL: ("Forfall", "Sent apologies"),
        AttendanceStatus.FRAVAERENDE: ("Fraværende", "Absent"),
    },
    ApprovalPolicy: {
        ApprovalPolicy.LEADER: ("leder", "the chair"),
        ApprovalPolicy.LEADER_AND_ONE_MEMBER: ("leder og ett medlem", "the chair and one member"),
        ApprovalPolicy.ALL_MEMBERS: ("alle medlemmer", "all members"),
        ApprovalPolicy.MAJORITY: ("flertallet av medlemmene", "a majority of the members"),
    },
    VoteKind: {
        VoteKind.UNANIMOUS: ("Enstemmig vedtatt", "Carried unanimously"),
        VoteKind.COUNTED: ("Votering med stemmetall", "Vote with counts"),
        VoteKind.NOTED: ("Tatt til orientering", "Noted"),
        VoteKind.NOT_DECIDED: ("Ikke avgjort i møtet (utsatt)", "Not decided at the meeting (postponed)"),
    },
    MinutesApprovers: {
        MinutesApprovers.PRESENT: ("de med stemmerett som var til stede", "the voting members present"),
        MinutesApprovers.SIGNATORIES: ("to signatarer valgt i møtet", "two signatories chosen at the meeting"),
        MinutesApprovers.NEXT_MEETING: ("neste møte", "the next meeting"),
    },
    DecisionStatus: {
        DecisionStatus.TIL_GODKJENNING: ("Til godkjenning", "Awaiting approval"),
        DecisionStatus.UTKAST: ("Utkast", "Draft"),
        DecisionStatus.VEDTATT: ("Vedtatt", "Final"),
    },
    MinutesStatus: {
        MinutesStatus.TIL_GODKJENNING: ("Til godkjenning", "Awaiting approval"),
        MinutesStatus.NESTE_MOTE: ("Godkjennes i neste møte", "To be approved at the next meeting"),
        MinutesStatus.UTKAST: ("Utkast", "Draft"),
        MinutesStatus.GODKJENT: ("Godkjent", "Approved"),
    },
    Verdict: {
        Verdict.GODKJENT: ("Godkjent", "Approved"),
        Verdict.AVVIST: ("Avvist", "Rejected"),
    },
    MeasureStatus: {
        MeasureStatus.IKKE_STARTET: ("Ikke startet", "Not started"),
        MeasureStatus.PAGAENDE: ("Pågående", "In progress"),
        MeasureStatus.FULLFORT: ("Fullført", "Completed"),
        MeasureStatus.UTSATT: ("Utsatt", "Postponed"),
        MeasureStatus.AVSLUTTET: ("Avsluttet", "Closed"),
    },
    PlanStatus: {
        PlanStatus.UTKAST: ("Utkast", "Draft"),
        PlanStatus.VEDTATT: ("Vedtatt", "Adopted"),
    },
    BodyKind: {
        BodyKind.PARTNERSKAPSMOTE: ("Partnerskapsmøte", "Partnership meeting"),
        BodyKind.STRATEGISK: ("Strategisk samarbeidsutvalg", "Strategic committee"),
        BodyKind.LOKALT: ("Lokalt samarbeidsutvalg", "Local committee"),
        BodyKind.FAGLIG: ("Faglig samarbeidsutvalg", "Professional committee"),
        BodyKind.ARBEIDSUTVALG: ("Arbeidsutvalg", "Working committee"),
        BodyKind.FAGRAD: ("Fagråd", "Professional council"),
        BodyKind.ARBEIDSGRUPPE: ("Arbeidsgruppe", "Working group"),
    },
}  # fmt: skip


# What each audit action code means, for the log card (`logg`); a code without a label is shown
# as it is written, so a new action never breaks the card.
AUDIT_ACTIONS: dict[str, tuple[str, str]] = {
    "agenda.published": ("Saksliste publisert", "Agenda published"),
    "attendance.absence_reported": ("Forfall meldt", "Absence reported"),
    "attendance.recorded": ("Fremmøte registrert", "Attendance recorded"),
    "attendance.substitute_called": ("Vara kalt inn", "Substitute called"),
    "body.linked": ("Kanal koblet til organet", "Channel linked to the body"),
    "calendar.renewed": ("Kalenderlenke fornyet", "Calendar link renewed"),
    "case.disqualified": ("Inhabilitet registrert", "Disqualification recorded"),
    "case.edited": ("Sak endret", "Case edited"),
    "case.exempted": ("Sak unntatt offentlighet", "Case exempted from public access"),
    "case.exemption_lifted": ("Sak gjort offentlig", "Case made public"),
    "case.paper_written": ("Saksfremlegg skrevet", "Case paper written"),
    "case.postponed": ("Sak utsatt", "Case postponed"),
    "case.public_title_set": ("Offentlig tittel satt", "Public title set"),
    "case.referred": ("Sak oversendt", "Case referred"),
    "case.registered": ("Sak meldt inn", "Case registered"),
    "case.scheduled": ("Sak satt opp", "Case scheduled"),
    "case.statement_recorded": ("Protokolltilførsel", "Statement recorded"),
    "case.vote_recorded": ("Votering registrert", "Vote recorded"),
    "case.withdrawn": ("Sak trukket", "Case withdrawn"),
    "decision.avvist": ("Vedtak avvist", "Decision rejected"),
    "decision.final": ("Vedtak endelig", "Decision final"),
    "decision.godkjent": ("Vedtak godkjent", "Decision approved"),
    "decision.recorded": ("Vedtak registrert", "Decision recorded"),
    "delegation.granted": ("Delegering gitt", "Delegation granted"),
    "document.attached": ("Vedlegg lagt til", "Document attached"),
    "document.exempted": ("Vedlegg unntatt offentlighet", "Document exempted from public access"),
    "document.exemption_lifted": ("Vedlegg gjort offentlig", "Document made public"),
    "document.removed": ("Vedlegg fjernet", "Document removed"),
    "measure.added": ("Tiltak lagt til", "Measure added"),
    "measure.updated": ("Tiltak oppdatert", "Measure updated"),
    "meeting.cancelled": ("Møte avlyst", "Meeting cancelled"),
    "meeting.moved": ("Møte flyttet", "Meeting moved"),
    "meeting.planned": ("Møte planlagt", "Meeting planned"),
    "meeting.registered_held": ("Avholdt møte registrert", "Held meeting registered"),
    "members.sync_cancelled": ("Medlemssynk avbrutt", "Member sync cancelled"),
    "members.synced": ("Medlemmenes Entra-ID bekreftet", "Members' Entra IDs confirmed"),
    "minutes.approved": ("Protokoll godkjent", "Minutes approved"),
    "minutes.avvist": ("Protokoll avvist", "Minutes rejected"),
    "minutes.deferred": ("Protokoll utsatt til neste møte", "Minutes deferred to the next meeting"),
    "minutes.final": ("Protokoll endelig", "Minutes final"),
    "minutes.godkjent": ("Protokoll godkjent av en", "Minutes approved by one"),
    "minutes.new_round": ("Protokoll: ny godkjenningsrunde", "Minutes: new round of approval"),
    "minutes.new_version": ("Protokoll: ny versjon", "Minutes: new version"),
    "minutes.posted": ("Protokoll sendt til godkjenning", "Minutes sent for approval"),
    "plan.adopted": ("Handlingsplan vedtatt", "Action plan adopted"),
    "plan.area_added": ("Innsatsområde lagt til", "Focus area added"),
    "plan.put_forward": ("Handlingsplan lagt fram", "Action plan put forward"),
    "plan.started": ("Handlingsplan startet", "Action plan started"),
    "privacy.identity_number_refused": ("Fødselsnummer avvist", "Identity number refused"),
    "reminders.changed": ("Påminnelser endret", "Reminders changed"),
    "retention.run": ("Sletting etter oppbevaringstid", "Retention run"),
    "structure.member_added": ("Medlem lagt til (strukturfil)", "Member added (structure file)"),
    "structure.member_changed": ("Rolle endret (strukturfil)", "Role changed (structure file)"),
    "structure.member_removed": ("Medlem fjernet (strukturfil)", "Member removed (structure file)"),
    "structure.quorum_changed": ("Regel for vedtaksførhet endret", "Quorum rule changed"),
    "structure.retention_changed": ("Oppbevaringstider endret", "Retention periods changed"),
    "structure.public_records_changed": ("Innsynssiden slått på eller av", "Public records page turned on or off"),
    "structure.secretariat_added": ("Lagt til i sekretariatet", "Added to the secretariat"),
    "structure.secretariat_removed": ("Fjernet fra sekretariatet", "Removed from the secretariat"),
}


# The fields an audit event's before and after name, as `logg` shows them; a field not listed is
# shown by its key.
AUDIT_FIELDS: dict[str, tuple[str, str]] = {
    "status": ("status", "status"),
    "note": ("merknad", "note"),
    "substitute_for": ("vara for", "substitute for"),
    "signatories": ("signatarer", "signatories"),
    "role": ("rolle", "role"),
    "represents": ("representerer", "represents"),
    "quorum": ("vedtaksførhet", "quorum"),
    "public_records": ("innsynssiden", "public records page"),
    "title": ("tittel", "title"),
    "case_type": ("sakstype", "case type"),
    "background": ("bakgrunn", "background"),
    "assessment": ("vurdering", "assessment"),
    "proposal": ("forslag til vedtak", "proposed decision"),
    "case_officer_id": ("saksbehandler", "case officer"),
    "case_officer_name": ("saksbehandler", "case officer"),
    "exemption_basis": ("hjemmel for unntak", "legal basis for exemption"),
    "public_title": ("offentlig tittel", "public title"),
    "number": ("nummer", "number"),
    "kind": ("type", "kind"),
    "url": ("lenke", "link"),
    "file_type": ("filtype", "file type"),
    "size": ("størrelse", "size"),
    "sha256": ("sjekksum", "checksum"),
    "removed": ("fjernet", "removed"),
    "outcome": ("utfall", "outcome"),
    "for": ("for", "for"),
    "against": ("mot", "against"),
    "blank": ("blanke", "blank"),
    "against_names": ("stemte mot", "voted against"),
    "proposals": ("forslag", "proposals"),
    "adopted": ("vedtatt forslag", "adopted proposal"),
    "statements": ("protokolltilførsler", "statements"),
    "case_deadline_days": ("frist for saker (dager)", "case deadline (days)"),
    "agenda_days": ("saksliste (dager før)", "agenda (days before)"),
    "agenda_mode": ("saksliste", "agenda"),
    "meeting_eve": ("dagen før møtet", "the day before the meeting"),
}


def audit_field(lang: Language, name: str) -> str:
    labels = AUDIT_FIELDS.get(name)
    if labels is None:
        return name
    return labels[1] if lang == "en" else labels[0]


def audit_action(lang: Language, action: str) -> str:
    """A readable label for an audit action code, the code itself when it has none."""
    if action.startswith("refused."):
        return say(lang, "audit_refused", action=action.removeprefix("refused."))
    labels = AUDIT_ACTIONS.get(action)
    if labels is None:
        return action
    return labels[1] if lang == "en" else labels[0]


def language(locale: str | None) -> Language:
    """English for en-* locales, bokmål for everything else (the product's first language)."""
    return "en" if locale and locale.lower().startswith("en") else "nb"


# How much of what a user wrote a reply quotes back: enough to recognise it, never the whole of a
# long message (a reply must stay far below Teams' message size limit).
QUOTE_LIMIT = 40


def excerpt(text: str) -> str:
    """What a user wrote, shortened for quoting in a reply: the one place that decides how much."""
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


def say(lang: Language, code: str, **params: object) -> str:
    nb, en = TEXTS[code]
    template = en if lang == "en" else nb
    return template.format(**params) if params else template


def label(lang: Language, value: StrEnum) -> str:
    """The display name of an enum value (case type, status, role, body kind, standard item)."""
    nb, en = ENUM_TEXTS[type(value)][value]
    return en if lang == "en" else nb


def word(lang: Language, value: StrEnum) -> str:
    """The label as a word inside a sentence: "Sak 6/2026 er behandlet", "Case 6/2026 is dealt with"."""
    text = label(lang, value)
    return text[:1].lower() + text[1:]
