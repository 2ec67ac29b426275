import { ServiceNotice } from '../../components/ServiceNotice';

export default function WishesPage() {
  return <ServiceNotice title="微心愿" message="微心愿认领即将开放，如有心愿或想参与认领，请联系所在基层工会。" />;
}
