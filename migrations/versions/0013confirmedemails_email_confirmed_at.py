"""an account's email is confirmed by a link before it can sign in; every account so far counts as confirmed

Revision ID: 0013confirmedemails
Revises: 0012signins
Create Date: 2026-12-06 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013confirmedemails'
down_revision = '0012signins'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(), nullable=True))
    # People who signed up before links were sent keep signing in: their accounts count as confirmed when
    # they were made (a deleted account's stand-in too; it never signs in anyway).
    op.execute("UPDATE users SET email_confirmed_at = created_at")


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed_at')
