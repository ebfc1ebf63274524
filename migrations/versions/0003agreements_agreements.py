"""agreements: the boundaries a couple agreed to, and every version both partners accepted

Revision ID: 0003agreements
Revises: 0002sessionopts
Create Date: 2026-11-24 21:26:11.496399

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003agreements'
down_revision = '0002sessionopts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('couple_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('review_every_weeks', sa.Integer(), nullable=False),
    sa.Column('next_review', sa.Date(), nullable=False),
    sa.Column('last_reviewed_on', sa.Date(), nullable=True),
    sa.Column('retired_at', sa.DateTime(), nullable=True),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('active', 'retired')", name=op.f('ck_agreements_status')),
    sa.ForeignKeyConstraint(['couple_id'], ['couples.id'], name=op.f('fk_agreements_couple_id_couples')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_agreements_proposed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements'))
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_couple_id'), ['couple_id'], unique=False)

    op.create_table('agreement_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('need', sa.String(length=200), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.Column('consequence', sa.Text(), nullable=True),
    sa.Column('review_every_weeks', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('accepted_by_ids', sa.String(length=80), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_versions_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_agreement_versions_author_id_users')),
    sa.ForeignKeyConstraint(['session_id'], ['exercise_sessions.id'], name=op.f('fk_agreement_versions_session_id_exercise_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_versions')),
    sa.UniqueConstraint('agreement_id', 'number', name='uq_agreement_versions_agreement_number')
    )
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_versions_agreement_id'), ['agreement_id'], unique=False)



def downgrade():
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_versions_agreement_id'))

    op.drop_table('agreement_versions')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_couple_id'))

    op.drop_table('agreements')
