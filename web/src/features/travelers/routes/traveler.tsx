import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Button } from '@/components/ui/Button';
import { Alert, Loading, PageHeader } from '@/components/ui/Feedback';
import { ApiError, errorMessage } from '@/lib/problem';
import { useCreateTraveler } from '../api/create-traveler';
import { useDeleteTraveler } from '../api/delete-traveler';
import { useTraveler } from '../api/get-traveler';
import { useUpdateTraveler } from '../api/update-traveler';
import { TravelerForm } from '../components/TravelerForm';
import { emptyTraveler, fromTraveler, toRequest } from '../components/traveler-form-model';

export function NewTravelerRoute() {
  const create = useCreateTraveler();
  const navigate = useNavigate();
  // Back where the traveler was asked for (the booking review), else the list.
  const requested = new URLSearchParams(useLocation().search).get('back');
  const back = requested && requested.startsWith('/') && !requested.startsWith('//') ? requested : '/travelers';
  return (
    <div className="page page--narrow">
      <PageHeader title="Add a traveler" />
      <TravelerForm
        initial={emptyTraveler}
        submitLabel="Save traveler"
        busy={create.isPending}
        serverError={create.error}
        onSubmit={(v) => create.mutate(toRequest(v), { onSuccess: () => void navigate(back) })}
        onCancel={() => void navigate(back)}
      />
    </div>
  );
}

export function EditTravelerRoute() {
  const { id = '' } = useParams();
  const traveler = useTraveler(id);
  const update = useUpdateTraveler();
  const remove = useDeleteTraveler();
  const navigate = useNavigate();

  if (traveler.isPending) return <Loading label="Loading traveler…" />;
  if (traveler.isError) {
    const notFound = traveler.error instanceof ApiError && (traveler.error.status === 404 || traveler.error.status === 400);
    return (
      <div className="page page--narrow">
        <PageHeader title={notFound ? 'Traveler not found' : 'Traveler'} />
        <Alert title={notFound ? 'There is no such traveler in your account.' : 'The traveler could not be loaded.'}>
          {notFound ? <Link to="/travelers">See your travelers</Link> : errorMessage(traveler.error)}
        </Alert>
      </div>
    );
  }
  const t = traveler.data;
  return (
    <div className="page page--narrow">
      <PageHeader title={`${t.givenNames} ${t.surname}`}>
        <Button
          variant="danger"
          busy={remove.isPending}
          onClick={() => {
            if (window.confirm(`Remove ${t.givenNames} ${t.surname}?`)) remove.mutate(t.id, { onSuccess: () => void navigate('/travelers') });
          }}
        >
          Remove
        </Button>
      </PageHeader>
      {remove.error && <Alert title="The traveler was not removed.">{errorMessage(remove.error)}</Alert>}
      <TravelerForm
        key={t.id}
        initial={fromTraveler(t)}
        submitLabel="Save changes"
        busy={update.isPending}
        serverError={update.error}
        onSubmit={(v) => update.mutate({ id: t.id, body: toRequest(v, t.loyaltyNumbers) }, { onSuccess: () => void navigate('/travelers') })}
        onCancel={() => void navigate('/travelers')}
      />
    </div>
  );
}
