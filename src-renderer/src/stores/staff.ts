import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ChannelInput, StaffMember } from '@shared/contract'
import { bridge } from '../bridge'

export const useStaffStore = defineStore('staff', () => {
  const members = ref<StaffMember[]>([])
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      members.value = await bridge.invoke('staff.list', {})
    } finally {
      loading.value = false
    }
  }

  async function create(form: ChannelInput<'staff.create'>) {
    const created = await bridge.invoke('staff.create', form)
    await load()
    return created
  }

  async function resetPassword(form: ChannelInput<'staff.resetPassword'>) {
    await bridge.invoke('staff.resetPassword', form)
    await load()
  }

  async function deactivate(staffId: number) {
    await bridge.invoke('staff.deactivate', { staffId })
    await load()
  }

  async function update(form: ChannelInput<'staff.update'>) {
    await bridge.invoke('staff.update', form)
    await load()
  }

  return { members, loading, load, create, resetPassword, deactivate, update }
})
