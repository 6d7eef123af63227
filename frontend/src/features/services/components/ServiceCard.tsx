//! One service in the catalogue: its name linking to its page, and its facts. The list answer
//! carries no measures, so each card reads them from the service's own answer (which the service
//! page then finds cached).
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { serviceQuery, type Service } from '../api/services';
import { ServiceFacts } from './ServiceFacts';

export function ServiceCard({ service }: { service: Service }) {
  const detail = useQuery(serviceQuery(service.id));
  return (
    <article className="card service-card" aria-labelledby={`service-${service.id}`}>
      <h2 className="h3" id={`service-${service.id}`}>
        <Link to={`/services/${service.id}`}>{service.name}</Link>
      </h2>
      <ServiceFacts service={service} measures={detail.error ? null : detail.data?.measures} />
    </article>
  );
}
