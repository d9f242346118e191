import { EntitySchema } from 'typeorm'

export interface SettingRow {
  key: string
  value: string
}

export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'Setting',
  tableName: 'settings',
  columns: {
    key: { type: 'text', primary: true },
    value: { type: 'text' },
  },
})
