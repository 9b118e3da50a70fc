import {
  BellRing,
  CalendarClock,
  Circle,
  Filter,
  Hourglass,
  LogOut,
  type LucideIcon,
  PhoneCall,
  Send,
  Split,
  UserPen,
  Users,
  Webhook,
  Zap,
} from 'lucide-react';

/**
 * The Lucide icons node types name in their definitions. Importing them one by one keeps the
 * bundle to the icons we draw; a type naming an icon not listed here gets a plain circle.
 */
const icons: Readonly<Record<string, LucideIcon>> = {
  'bell-ring': BellRing,
  'calendar-clock': CalendarClock,
  filter: Filter,
  hourglass: Hourglass,
  'log-out': LogOut,
  'phone-call': PhoneCall,
  send: Send,
  split: Split,
  'user-pen': UserPen,
  users: Users,
  webhook: Webhook,
  zap: Zap,
};

export function NodeIcon({ name, size = 16 }: { name: string; size?: number }) {
  const Icon = icons[name] ?? Circle;
  return <Icon size={size} aria-hidden="true" />;
}
