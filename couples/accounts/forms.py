"""Forms (Flask-WTF, with CSRF) for signing up, signing in, pairing, the account page and getting back in.

Every new password passes the same rules (`strong_enough`), and every display name the same field
(`display_name_field`), wherever it is chosen: at sign-up, on the account page, after a reset link. The forms
that sign someone in carry the browser's time zone (`browser_zone_field`, filled by static/js/rhythm/timezone.js);
a zone that can't be read is let go, never a reason to refuse the form.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError

from couples.dates import zone_named
from couples.forms import stripped

MIN_PASSWORD = 10
LONG_EMAIL = "That email is longer than any we can keep."
EMAIL_SHAPE = r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$"
COMMON_PASSWORDS = frozenset({"password12", "1234567890", "qwertyuiop", "iloveyou12", "password123",
                              "letmein123", "0987654321", "1111111111", "abcdefghij", "passw0rd12"})
NOT_THE_SAME = "The two passwords aren't the same. Please type it again."
ZONE_UNKNOWN = "We don't know that time zone. Try a name like Europe/Berlin or America/New_York, or just a city."


def strong_enough(form: FlaskForm, field: PasswordField) -> None:
    """A password of at least ten characters that isn't one everybody guesses first."""
    value = field.data or ""
    if len(value) < MIN_PASSWORD:
        raise ValidationError(f"Please choose a password of at least {MIN_PASSWORD} characters.")
    if value.lower() in COMMON_PASSWORDS or len(set(value)) < 4:
        raise ValidationError("That password is easy to guess. A short phrase only you know works well.")


def email_field(label: str = "Email") -> EmailField:
    """An email address someone gives us to write to: trimmed, at most 254 characters, shaped like one."""
    return EmailField(label, filters=[stripped], validators=[
        DataRequired("Please tell us your email."), Length(max=254, message=LONG_EMAIL),
        Regexp(EMAIL_SHAPE, message="That doesn't look like an email address.")])


def display_name_field() -> StringField:
    """The name a partner sees: trimmed, present, at most 60 characters (the column's length)."""
    return StringField("What should your partner see you as?", filters=[stripped], validators=[
        DataRequired("Please add a name your partner will recognise."),
        Length(max=60, message="Please keep your name to 60 characters or fewer.")])


def new_password_field(label: str = "Password") -> PasswordField:
    return PasswordField(label, validators=[DataRequired("Please choose a password."), strong_enough])


def browser_zone_field() -> HiddenField:
    """The browser's IANA time zone (Intl.DateTimeFormat().resolvedOptions().timeZone), put in by the page's
    script; empty without it. Not cleaned or checked here: nothing in it may refuse the form it rides on;
    `couples.dates.zone_named` reads it, and lets go of what it can't."""
    return HiddenField(render_kw={"data-browser-zone": ""})


class RegisterForm(FlaskForm):
    email = email_field()
    display_name = display_name_field()
    password = new_password_field()
    time_zone = browser_zone_field()


class LoginForm(FlaskForm):
    email = EmailField("Email", filters=[stripped], validators=[
        DataRequired("Please tell us your email."), Length(max=254, message=LONG_EMAIL)])
    password = PasswordField("Password", validators=[DataRequired("Please enter your password.")])
    remember = BooleanField("Keep me signed in on this device")
    time_zone = browser_zone_field()


class JoinForm(FlaskForm):
    code = StringField("Invitation code", filters=[stripped], validators=[
        DataRequired("Please enter the code your partner sent you."),
        Length(max=32, message="That's longer than any code we make. Please check it with your partner.")])


class NameForm(FlaskForm):
    """The account page: a new display name."""

    display_name = display_name_field()


class TimeZoneForm(FlaskForm):
    """The account page: the time zone dates and times are shown in (an IANA name, any case, or a city)."""

    time_zone = StringField("Your time zone", filters=[stripped], render_kw={"data-browser-zone": ""},
                            validators=[DataRequired(ZONE_UNKNOWN), Length(max=64, message=ZONE_UNKNOWN)])

    def validate_time_zone(self, field: Any) -> None:
        if zone_named(field.data) is None:
            raise ValidationError(ZONE_UNKNOWN)


class EmailForm(FlaskForm):
    """The account page: a new email address, with the current password (field names unique on the page)."""

    new_email = email_field("New email")
    email_password = PasswordField("Your password", validators=[DataRequired("Please enter your password.")])


class PasswordForm(FlaskForm):
    """The account page: the current password, and a new one twice."""

    current_password = PasswordField("Your current password",
                                     validators=[DataRequired("Please enter your current password.")])
    password = new_password_field("New password")
    password_again = PasswordField("New password again", validators=[
        DataRequired("Please type the new password once more."), EqualTo("password", NOT_THE_SAME)])


class ForgotForm(FlaskForm):
    """The "Forgot your password?" page: where to send the link."""

    email = email_field()


class ResetForm(FlaskForm):
    """A reset link's page: the new password, twice."""

    password = new_password_field("New password")
    password_again = PasswordField("New password again", validators=[
        DataRequired("Please type the new password once more."), EqualTo("password", NOT_THE_SAME)])


class ConfirmForm(FlaskForm):
    """A sign-up link opened in another browser than the one that signed up: the password chosen then."""

    password = PasswordField("The password you chose", validators=[DataRequired("Please enter your password.")])
    time_zone = browser_zone_field()
