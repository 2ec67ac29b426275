import { ServiceNotice } from '../../components/ServiceNotice';

export default function HardshipPage() {
  return <ServiceNotice title="困难帮扶" message="困难帮扶线上申请即将开放，如需帮助请联系所在基层工会。" />;
}
