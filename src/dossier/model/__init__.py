"""The data model: plain, slotted records passed between the stages."""
