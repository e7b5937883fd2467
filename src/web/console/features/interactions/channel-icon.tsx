import {
  IconBrandLine,
  IconDeviceDesktop,
  IconMail,
  IconMailbox,
  IconMessages,
  IconPhone,
  IconPrinter,
  IconWalk,
  type Icon,
} from '@tabler/icons-react';
import type { Channel } from '../../api/types.js';

const ICONS: Record<Channel, Icon> = {
  phone: IconPhone,
  email: IconMail,
  fax: IconPrinter,
  postcard: IconMailbox,
  visit: IconWalk,
  web: IconDeviceDesktop,
  chat: IconMessages,
  line: IconBrandLine,
};

/** Decorative: the channel's name is always written next to it. */
export function ChannelIcon({ channel, size = 18 }: { channel: Channel; size?: number }) {
  const Component = ICONS[channel] ?? IconMessages;
  return <Component size={size} aria-hidden />;
}
