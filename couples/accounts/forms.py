"""Forms (Flask-WTF, with CSRF) for signing up, signing in and pairing."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Regexp, ValidationError

from couples.forms import stripped

MIN_PASSWORD = 10
LONG_EMAIL = "That email is longer than any we can keep."
EMAIL_SHAPE = r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$"
COMMON_PASSWORDS = frozenset({"password12", "1234567890", "qwertyuiop", "iloveyou12", "password123",
                              "letmein123", "0987654321", "1111111111", "abcdefghij", "passw0rd12"})


def strong_enough(form: FlaskForm, field: PasswordField) -> None:
    """A password of at least ten characters that isn't one everybody guesses first."""
    value = field.data or ""
    if len(value) < MIN_PASSWORD:
        raise ValidationError(f"Please choose a password of at least {MIN_PASSWORD} characters.")
    if value.lower() in COMMON_PASSWORDS or len(set(value)) < 4:
        raise ValidationError("That password is easy to guess. A short phrase only you know works well.")


class RegisterForm(FlaskForm):
    email = EmailField("Email", filters=[stripped], validators=[
        DataRequired("Please tell us your email."), Length(max=254, message=LONG_EMAIL),
        Regexp(EMAIL_SHAPE, message="That doesn't look like an email address.")])
    display_name = StringField("What should your partner see you as?", filters=[stripped], validators=[
        DataRequired("Please add a name your partner will recognise."),
        Length(max=60, message="Please keep your name to 60 characters or fewer.")])
    password = PasswordField("Password", validators=[DataRequired("Please choose a password."), strong_enough])


class LoginForm(FlaskForm):
    email = EmailField("Email", filters=[stripped], validators=[
        DataRequired("Please tell us your email."), Length(max=254, message=LONG_EMAIL)])
    password = PasswordField("Password", validators=[DataRequired("Please enter your password.")])
    remember = BooleanField("Keep me signed in on this device")


class JoinForm(FlaskForm):
    code = StringField("Invitation code", filters=[stripped], validators=[
        DataRequired("Please enter the code your partner sent you."),
        Length(max=32, message="That's longer than any code we make. Please check it with your partner.")])
