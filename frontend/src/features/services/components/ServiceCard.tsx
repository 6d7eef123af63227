//! One service in the catalogue: its name linking to its page, and its facts, with the measures
//! the list answer carries for each service.
import { Link } from 'react-router';
import type { ServiceDetail } from '../api/services';
import { ServiceFacts } from './ServiceFacts';

export function ServiceCard({ service }: { service: ServiceDetail }) {
  return (
    <article className="card service-card" aria-labelledby={`service-${service.id}`}>
      <h2 className="h3" id={`service-${service.id}`}>
        <Link to={`/services/${service.id}`}>{service.name}</Link>
      </h2>
      <ServiceFacts service={service} measures={service.measures} />
    </article>
  );
}
