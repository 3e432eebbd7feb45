import {
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  MenuToggle,
  PageToggleButton,
  Select,
  SelectList,
  SelectOption,
  ToggleGroup,
  ToggleGroupItem,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { useState } from 'react';
import { getImpersonatedUser } from '../sdk-standin/session';
import { applyTheme, getTheme, HOST_USERS, switchUser, type Theme } from './preferences';

const ThemeSwitch = () => {
  const [theme, setTheme] = useState<Theme>(getTheme);
  const choose = (t: Theme) => {
    applyTheme(t);
    setTheme(t);
  };
  return (
    <ToggleGroup aria-label="Theme">
      <ToggleGroupItem
        text="Light"
        buttonId="theme-light"
        isSelected={theme === 'light'}
        onChange={() => choose('light')}
      />
      <ToggleGroupItem
        text="Dark"
        buttonId="theme-dark"
        isSelected={theme === 'dark'}
        onChange={() => choose('dark')}
      />
    </ToggleGroup>
  );
};

const UserSwitch = () => {
  const [open, setOpen] = useState(false);
  const current = getImpersonatedUser() ?? '';
  const label = HOST_USERS.find((u) => u.id === current)?.label ?? current;
  return (
    <Select
      isOpen={open}
      selected={current}
      onSelect={(_e, value) => {
        setOpen(false);
        if (value !== current) {
          switchUser(String(value ?? ''));
        }
      }}
      onOpenChange={setOpen}
      toggle={(ref) => (
        <MenuToggle ref={ref} onClick={() => setOpen(!open)} isExpanded={open} aria-label={`User: ${label}`}>
          User: {label}
        </MenuToggle>
      )}
    >
      <SelectList aria-label="Users">
        {HOST_USERS.map((u) => (
          <SelectOption key={u.label} value={u.id}>
            {u.label}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
};

export const HostMasthead = () => (
  <Masthead>
    <MastheadMain>
      <MastheadToggle>
        <PageToggleButton isHamburgerButton aria-label="Global navigation" />
      </MastheadToggle>
      <MastheadBrand>
        <MastheadLogo
          href="/"
          style={{
            color: 'var(--pf-t--global--text--color--regular)',
            textDecoration: 'none',
            fontSize: 'var(--pf-t--global--font--size--heading--sm)',
            fontWeight: 'var(--pf-t--global--font--weight--heading--default)',
          }}
        >
          Dev console
        </MastheadLogo>
      </MastheadBrand>
    </MastheadMain>
    <MastheadContent>
      <Toolbar isFullHeight isStatic>
        <ToolbarContent>
          <ToolbarGroup align={{ default: 'alignEnd' }}>
            <ToolbarItem>
              <ThemeSwitch />
            </ToolbarItem>
            <ToolbarItem>
              <UserSwitch />
            </ToolbarItem>
          </ToolbarGroup>
        </ToolbarContent>
      </Toolbar>
    </MastheadContent>
  </Masthead>
);
