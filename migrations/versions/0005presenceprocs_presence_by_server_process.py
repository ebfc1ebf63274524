"""presence by server process

Revision ID: 0005presenceprocs
Revises: 0004customscenes


"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005presenceprocs'
down_revision = '0004customscenes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('server_processes',
    sa.Column('id', sa.String(length=80), nullable=False),
    sa.Column('seen_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_server_processes'))
    )
    # Presence rows describe open sockets; the sockets open before this upgrade belonged to a process
    # that has since stopped, so none of them is open any more.
    op.execute("DELETE FROM presence")
    with op.batch_alter_table('presence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('process_id', sa.String(length=80), nullable=False))
        batch_op.create_index(batch_op.f('ix_presence_process_id'), ['process_id'], unique=False)



def downgrade():
    with op.batch_alter_table('presence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_presence_process_id'))
        batch_op.drop_column('process_id')

    op.drop_table('server_processes')
