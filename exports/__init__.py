"""What leaves the building: parcel lists in land-bureau formats. Arrives with its issue."""
