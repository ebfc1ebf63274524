"""The limits, as one literal table: what each guards, on which endpoints, how many, counted how, and why.

A rule's `rate` is written in the `limits` library's notation ("10 per 15 minutes"). Its `key` says whose
count it is: "email" (the address typed into the form, normalised and hashed: per account, whoever tries it),
"address" (where the request comes from; see keys.py for proxies) or "person" (the signed-in person, else the
address). `counts` is "every" attempt or only "failures": responses that are not a redirect (each of these
forms redirects when it worked and shows itself again when it did not), so a person who signs in fine twenty
times a day is never limited. Endpoints name views (an fnmatch pattern like "account.*" names all of a
blueprint's); a name no view has yet is skipped, so a rule may name a page before it is built. Endpoints in
one rule share one count. A deployment (or a test) changes a rule's rate by its name: RATELIMIT_OVERRIDES.

A rule counting failures may name a `failed_when` flag: then only a response whose view set that flag on `g`
counts (`g.password_refused`: the view refused the password typed; `g.invitation_refused`: the code or link
can't be used), not every page shown again (a name too long, a typo in a new email, an open invitation link).

SOCKET_LIMITS are the socket's own: each event counted per connection and per person, and opening a socket per
person and per address. Their names ("socket act", "socket act per person", "socket connect per address") are
overridden the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Rule:
    name: str
    endpoints: tuple[str, ...]
    rate: str
    key: Literal["email", "address", "person"]
    counts: Literal["every", "failures"] = "every"
    methods: tuple[str, ...] = ("POST",)
    failed_when: str = ""  # a flag on `g` the view sets when it refused; "" for any response not a redirect


LIMITS: tuple[Rule, ...] = (
    # Someone who forgot which password they used tries them all; ten wrong ones in a quarter of an hour is
    # plenty for that. An attacker gets at most 40 guesses an hour (under 1,000 a day) at one account, from
    # any number of addresses, against a password of ten characters or more that is not a common one.
    # The cost: anyone can make an account's owner wait up to 15 minutes (they can still reset the password).
    Rule("sign-in per account", ("auth.login",), "10 per 15 minutes", key="email", counts="failures"),
    # A household, an office or a phone network shares one address; thirty wrong passwords in 15 minutes
    # from one is someone trying many accounts, not a family mistyping.
    Rule("sign-in per address", ("auth.login",), "30 per 15 minutes", key="address", counts="failures"),
    # Two partners sign up from one home, perhaps a friend beside them, each fixing a form once or twice;
    # twenty tries an hour from one address is far past that and stops accounts made in bulk.
    Rule("registration per address", ("auth.register",), "20 per hour", key="address"),
    # Signing up may send the address an email: five an hour is enough for a typo and a "send it again",
    # and nobody can fill a stranger's inbox.
    Rule("registration per email", ("auth.register",), "5 per hour", key="email"),
    # Each request sends a reset email: five an hour per inbox, as above.
    Rule("password reset per email", ("auth.forgot_password",), "5 per hour", key="email"),
    # Asking for links and using them: twenty an hour from one address covers a family; more is a script.
    Rule("password reset per address", ("auth.forgot_password", "auth.reset_password"), "20 per hour",
         key="address"),
    # A code is 8 characters of 31 (8.5e11 codes); opening a link (/pair/join/<code>) shows whether it exists,
    # so a link whose code can't be used counts as a guess too (an open one, the page answering 200, does not:
    # following one's partner's link is no guess). Twenty wrong codes an hour is many more than anyone mistypes
    # one read aloud; a guesser gets 480 a day, a chance in billions of finding a live code. Before this, 300
    # guesses took under two seconds.
    Rule("invitation codes per person", ("pairing.join_with_code", "pairing.join_link"), "20 per hour",
         key="person", counts="failures", methods=("GET", "POST"), failed_when="invitation_refused"),
    # The same from one address over several accounts made for guessing.
    Rule("invitation codes per address", ("pairing.join_with_code", "pairing.join_link"), "60 per hour",
         key="address", counts="failures", methods=("GET", "POST"), failed_when="invitation_refused"),
    # Pages that ask for one's password again before something that cannot be undone or that hands over the
    # account (leaving, deleting, changing email or password): someone holding an unlocked phone gets ten
    # wrong passwords a quarter of an hour, the owner ten chances to remember it. Only a wrong password counts
    # (a name too long or a typo in the new email is no guess), and the name form asks for none.
    Rule("password asked again", ("ownership.leave_couple", "ownership.delete_account", "account.change_email",
                                  "account.change_password"),
         "10 per 15 minutes", key="person", counts="failures", failed_when="password_refused"),
    # A sign-up link opened in another browser asks for the password chosen at sign-up: the same ten wrong
    # ones a quarter of an hour as signing in, from one address (the link's holder is not signed in).
    Rule("sign-up link password per address", ("auth.confirm_sign_up",), "10 per 15 minutes", key="address",
         counts="failures"),
    # The coach over plain requests (the journal's, solo practice's): the page asks after each pause of a
    # second in typing, so twenty in ten seconds is twice the fastest typist and keeps spaCy for everyone.
    Rule("coach requests", ("personal.coach", "solo.coach"), "20 per 10 seconds", key="person"),
)


@dataclass(frozen=True)
class SocketRule:
    """A limit on one socket event, or on opening a socket (`event` "connect"), counted `per` connection (socket
    id), person (every socket of one signed-in person) or address (where the socket comes from, as keys.address
    reads it). couples/live/pacing.py applies them: an event past a limit is answered `slow_down`, a socket past
    a connect limit is refused at `connect`."""

    event: str
    rate: str
    per: Literal["connection", "person", "address"] = "connection"

    @property
    def name(self) -> str:
        """The rule's name in RATELIMIT_OVERRIDES: "socket act" per connection, "socket act per person"..."""
        return f"socket {self.event}" if self.per == "connection" else f"socket {self.event} per {self.per}"


# Each event is counted per connection and per person. Per connection: a person acts by a click or a sent line, a
# few a minute; bench/realtime.py acts once every 5 s per partner (12 a minute, 720 an hour on a socket). Thirty in
# ten seconds is three a second for ten seconds, faster than anyone clicks through an exercise, and stops a flood
# (300 acts a second were stored before) at thirty; 1,800 an hour (one every 2 s, all hour) is more than twice the
# benchmark's steady pace.
# Per person, over all their sockets: a new connection starts a new count per connection, so without these a page
# that reconnected after every thirty acts would never be stopped. A couple runs one exercise at a time, so a
# person's sockets together act, coach and beat about as fast as one page; twice the per-connection number leaves
# room for a second tab and for what a page sends again after a reconnect, and reconnecting no longer buys more.
SOCKET_LIMITS: tuple[SocketRule, ...] = (
    SocketRule("act", "30 per 10 seconds; 1800 per hour"),
    SocketRule("act", "60 per 10 seconds; 3600 per hour", per="person"),
    # The page asks after each pause of a second in typing (static/js/live/coach.js): at most one a second
    # from the fastest typist, so twenty in ten seconds is twice that; spaCy's time goes to everyone.
    SocketRule("coach", "20 per 10 seconds"),
    SocketRule("coach", "40 per 10 seconds", per="person"),
    SocketRule("coach_paraphrase", "20 per 10 seconds"),
    SocketRule("coach_paraphrase", "40 per 10 seconds", per="person"),
    # A page joins a session when it opens and after each reconnect, and beats every 15 s (4 a minute): sixty
    # a minute is far past any page and still next to nothing for the server.
    SocketRule("join_session", "60 per minute"),
    SocketRule("join_session", "120 per minute", per="person"),
    SocketRule("leave_session", "60 per minute"),
    SocketRule("leave_session", "120 per minute", per="person"),
    SocketRule("still_here", "60 per minute"),
    SocketRule("still_here", "120 per minute", per="person"),
    # Opening a socket. Each page opens one as it loads and another after each drop (socket.io-client notices
    # a dead connection within about 45 s, then tries again within 5 s): a person moving between the room and an
    # exercise with a few tabs open, on a phone that drops every half minute, opens a few a minute and at most
    # a couple of hundred in a bad hour. Someone going quickly from page to page opens one every few seconds: the
    # copy check (tests/browser/test_copy_check.py) opened about 32 a minute per person, and a first limit of 20
    # a minute left one of its exercise pages with no socket. So the burst is held per 10 seconds (twenty: one
    # person's thirty in two seconds, the audit's finding, is stopped there), and the minute and the hour leave
    # room for brisk browsing: 90 a minute, 1,200 an hour (one every 3 s, all hour).
    SocketRule("connect", "20 per 10 seconds; 90 per minute; 1200 per hour", per="person"),
    # From one address, signed in or not (counted before anything else is read): a household, an office or a
    # phone network's shared address holds several people; five of them at their own pace at once, and a
    # script opening sockets in a loop (each costs a cookie read and a database row) stopped within seconds.
    SocketRule("connect", "60 per 10 seconds; 450 per minute; 6000 per hour", per="address"),
)

# Frames python-socketio cannot read (couples/live/frames.py), per connection; past it the socket is closed. A page
# never sends one: ten a minute leaves room for a proxy or an extension that mangles one now and then, and stops a
# flood at ten lines of log a minute per socket (the attacker's 5,000 wrote 6.9 MB of tracebacks in two seconds).
UNREADABLE_FRAMES = SocketRule("unreadable frame", "10 per minute")
